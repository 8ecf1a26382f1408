package io.chimera.telemetry.aggregate;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Tells Flink to keep {@link SeriesAccumulator} with {@link SeriesAccumulatorSerializer}, never Kryo. */
public final class SeriesAccumulatorTypeInfoFactory extends TypeInfoFactory<SeriesAccumulator> {

    @Override
    public TypeInformation<SeriesAccumulator> createTypeInfo(Type t, Map<String, TypeInformation<?>> parameters) {
        return new SeriesAccumulatorTypeInfo();
    }

    /** Type information whose serializer is the sketch-aware one. */
    public static final class SeriesAccumulatorTypeInfo extends TypeInformation<SeriesAccumulator> {

        private static final long serialVersionUID = 1L;

        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<SeriesAccumulator> getTypeClass() {
            return SeriesAccumulator.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<SeriesAccumulator> createSerializer(SerializerConfig config) {
            return SeriesAccumulatorSerializer.INSTANCE;
        }

        @Override
        public String toString() {
            return "SeriesAccumulator";
        }

        @Override
        public boolean equals(Object obj) {
            return obj instanceof SeriesAccumulatorTypeInfo;
        }

        @Override
        public int hashCode() {
            return SeriesAccumulatorTypeInfo.class.hashCode();
        }

        @Override
        public boolean canEqual(Object obj) {
            return obj instanceof SeriesAccumulatorTypeInfo;
        }
    }
}
