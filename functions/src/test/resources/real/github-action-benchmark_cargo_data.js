window.BENCHMARK_DATA = {
  "lastUpdate": 1742479144397,
  "repoUrl": "https://github.com/rust-shogi-crates/shogi_legality_lite",
  "entries": {
    "Benchmark result (shogi_legality_lite)": [
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "5b279f5c5a53eadb99a8c67cf6ac9f5e7cda28ce",
          "message": "Publish benchmark results",
          "timestamp": "2022-05-31T22:48:20+09:00",
          "tree_id": "8ff64b7555fc8d7bc14fce8f54d7955d7bedc946",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/5b279f5c5a53eadb99a8c67cf6ac9f5e7cda28ce"
        },
        "date": 1654005292277,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 1803718,
            "range": "± 17028",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 52850654,
            "range": "± 128506",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "1fa72a249cc700e91ff5f90191aab9c045f4ef98",
          "message": "Add link to benchmark results",
          "timestamp": "2022-05-31T22:58:27+09:00",
          "tree_id": "d8c76a1d1554a5c1ccf605953da2f7c1e4c21646",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/1fa72a249cc700e91ff5f90191aab9c045f4ef98"
        },
        "date": 1654005599423,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 2161972,
            "range": "± 334700",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 63525999,
            "range": "± 3337720",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "0cffbe5e42025fda97c30f9ad5807f6790fce37e",
          "message": "Optimize will_king_be_captured",
          "timestamp": "2022-06-01T00:00:46+09:00",
          "tree_id": "9286d0012c010445ea2d4e85ef0ecccdd234f924",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/0cffbe5e42025fda97c30f9ad5807f6790fce37e"
        },
        "date": 1654009351182,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 1655122,
            "range": "± 317336",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 50295943,
            "range": "± 5620451",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "65d460af3a80cf48bc72258ee54ec0108b04735e",
          "message": "Optimize will_king_be_captured",
          "timestamp": "2022-06-01T00:06:49+09:00",
          "tree_id": "8ee891f3f422f5e161c5f816843a681d9921960c",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/65d460af3a80cf48bc72258ee54ec0108b04735e"
        },
        "date": 1654009682632,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 1194543,
            "range": "± 58286",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 35433726,
            "range": "± 46820",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "28c0f2db2a063c0239dc4077bf19848007738105",
          "message": "Optimize will_king_be_captured",
          "timestamp": "2022-06-01T00:39:31+09:00",
          "tree_id": "40c7f86266988cfb404cc1cc9ea4ce64279828a4",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/28c0f2db2a063c0239dc4077bf19848007738105"
        },
        "date": 1654011890649,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 920882,
            "range": "± 7415",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 27763138,
            "range": "± 45238",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "723b0f895e174dd1f0e18a5316f29d43db1125ca",
          "message": "Division (file, rank) is probably heavy",
          "timestamp": "2022-06-01T22:06:36+09:00",
          "tree_id": "4e49ae481f8ca2936e0184ce36440c67a5e0eb77",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/723b0f895e174dd1f0e18a5316f29d43db1125ca"
        },
        "date": 1654088872429,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 1206474,
            "range": "± 161149",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 36187632,
            "range": "± 4250259",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "36d2bb00b04a0c8eaa2bdc555dc7b77b00c55adb",
          "message": "Enable lto",
          "timestamp": "2022-06-01T22:13:38+09:00",
          "tree_id": "82eb149d6cc438d9395fce5ac93441602a4fd77a",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/36d2bb00b04a0c8eaa2bdc555dc7b77b00c55adb"
        },
        "date": 1654089281656,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 666765,
            "range": "± 3078",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 20190491,
            "range": "± 57910",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "908c489899b47079ade064490d83b642aa6ebc12",
          "message": "bishop_range doesn't use long_range",
          "timestamp": "2022-06-01T22:32:37+09:00",
          "tree_id": "13b0007da1fc02a62ad4613eeb24c9179a4e53ef",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/908c489899b47079ade064490d83b642aa6ebc12"
        },
        "date": 1654090444178,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 635192,
            "range": "± 3920",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 19222370,
            "range": "± 50471",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "2c656963637d343ad038b4e23ad843dddbecd4eb",
          "message": "Optimize normal::{king,gold,silver} (no loop)",
          "timestamp": "2022-06-01T23:38:25+09:00",
          "tree_id": "d3e6d8581158cd0210a67af87b13e9c7b459e931",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/2c656963637d343ad038b4e23ad843dddbecd4eb"
        },
        "date": 1654094392276,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 539104,
            "range": "± 2546",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 16398040,
            "range": "± 72522",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "691fda829483d771e57998ce697048f753bfda48",
          "message": "Use PartialPosition::king_position, precompute various things",
          "timestamp": "2022-06-02T09:56:43+09:00",
          "tree_id": "88774cbe2ff0f0f4e7afa8cc753cef481715d79e",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/691fda829483d771e57998ce697048f753bfda48"
        },
        "date": 1654131486998,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 445352,
            "range": "± 1853",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 12894247,
            "range": "± 19351",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "6c525a5e5cd73d90a3d5ec582dad9f8e5a94d2fd",
          "message": "Add bench_perft_4",
          "timestamp": "2022-06-02T10:02:53+09:00",
          "tree_id": "617ea17b6637b7362d8674fdb74284806936a88a",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/6c525a5e5cd73d90a3d5ec582dad9f8e5a94d2fd"
        },
        "date": 1654132002903,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 573686,
            "range": "± 77535",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 16341312,
            "range": "± 1684390",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 463152489,
            "range": "± 22000372",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "7e3b5c8b446aabe76d6f8d617d0c7e43798d5c3a",
          "message": "Manually inline in will_king_be_captured",
          "timestamp": "2022-06-02T12:42:50+09:00",
          "tree_id": "9010c00f02f91fc447e787fc0e2b653b1b214929",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/7e3b5c8b446aabe76d6f8d617d0c7e43798d5c3a"
        },
        "date": 1654141651329,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 379642,
            "range": "± 2674",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 11117915,
            "range": "± 78373",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 313349966,
            "range": "± 2673794",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "5c578448c8f2b4f4882285b48f681a5ff5a040fb",
          "message": "Use newer shogi_core",
          "timestamp": "2022-06-03T02:06:22+09:00",
          "tree_id": "5525d20893cbf619d9816486c4aaea2da94a494f",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/5c578448c8f2b4f4882285b48f681a5ff5a040fb"
        },
        "date": 1654189760572,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 362354,
            "range": "± 634",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 10416110,
            "range": "± 8159",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 295525964,
            "range": "± 377163",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "8b0cd9de774b0ffeb283c256a593871bdbffcee5",
          "message": "Optimize perft",
          "timestamp": "2022-06-03T09:29:07+09:00",
          "tree_id": "5b037d6c461a9340426aa58174754fa3048b155f",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/8b0cd9de774b0ffeb283c256a593871bdbffcee5"
        },
        "date": 1654216313010,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 354995,
            "range": "± 83632",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 9177004,
            "range": "± 1721979",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 265365072,
            "range": "± 29400812",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "49b9f155fe2289b0ae1b2c83e244fd35b471eda3",
          "message": "Use shogi_core/main",
          "timestamp": "2022-06-04T01:02:07+09:00",
          "tree_id": "f09849e16c16509a9ffa20518352ad9a8cb487b3",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/49b9f155fe2289b0ae1b2c83e244fd35b471eda3"
        },
        "date": 1654272274874,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 265288,
            "range": "± 1169",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 7661422,
            "range": "± 9844",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 217771858,
            "range": "± 220300",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "67eb63bbabb60a8fea08497fe2d8436eed04155f",
          "message": "Use shogi_core/main",
          "timestamp": "2022-06-04T01:09:38+09:00",
          "tree_id": "d88b6d62d84f737a2c58e4eaf40eeea9ddd99928",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/67eb63bbabb60a8fea08497fe2d8436eed04155f"
        },
        "date": 1654272782866,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 264360,
            "range": "± 1806",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 7662699,
            "range": "± 15574",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 217049148,
            "range": "± 1800930",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "a61f1efd39d9ae46833a16376c684ef012cd76dc",
          "message": "Don't check irrelevant pieces in drop move enumeration",
          "timestamp": "2022-06-04T02:52:34+09:00",
          "tree_id": "07c39e8648d15f0db7145fd6016672275bb92bfe",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/a61f1efd39d9ae46833a16376c684ef012cd76dc"
        },
        "date": 1654278900045,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 226847,
            "range": "± 466",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6526155,
            "range": "± 7383",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 183606471,
            "range": "± 132447",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "e0e4273a9b2afc6a12a11a51b6b7a37aa105ac93",
          "message": "Skip drop moves when no pieces are in hand",
          "timestamp": "2022-06-04T19:36:50+09:00",
          "tree_id": "9331964872d376cfd86e5b87e4d1a10d94af58f8",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/e0e4273a9b2afc6a12a11a51b6b7a37aa105ac93"
        },
        "date": 1654339237075,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 195093,
            "range": "± 1437",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5573854,
            "range": "± 14882",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 157986135,
            "range": "± 92027",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "d9a4b668a82d0bd99b1d47e171384e06e009e8b7",
          "message": "Implement status, status_partial",
          "timestamp": "2022-06-05T17:16:33+09:00",
          "tree_id": "049f033875c8a76d03f36a159eda0a5d6c56e680",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/d9a4b668a82d0bd99b1d47e171384e06e009e8b7"
        },
        "date": 1654417227241,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 242431,
            "range": "± 28546",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6366224,
            "range": "± 805847",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 182933062,
            "range": "± 15483224",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "a6dfcd262f1c48703cf21eb036c5ac791f247174",
          "message": "Add README.md",
          "timestamp": "2022-06-06T21:43:10+09:00",
          "tree_id": "ca271765a1b66e2cdf3675c52149d0222b91a17d",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/a6dfcd262f1c48703cf21eb036c5ac791f247174"
        },
        "date": 1654519578990,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 209389,
            "range": "± 33375",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6225764,
            "range": "± 1045233",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 167322734,
            "range": "± 15418906",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "220ccf40fd0b29746e7ab54cc4f31b2f89e69bc1",
          "message": "Update Cargo.toml",
          "timestamp": "2022-06-06T22:29:57+09:00",
          "tree_id": "1fd4655f2462f27b0211e8d5e76c30adfb84b805",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/220ccf40fd0b29746e7ab54cc4f31b2f89e69bc1"
        },
        "date": 1654522363553,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 194016,
            "range": "± 616",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5559463,
            "range": "± 6251",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 157166867,
            "range": "± 124407",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "a81228576d9a5941a723aaa10b86f9753952045f",
          "message": "normal_from_candidates invokes prelegality::normal_from_candidates",
          "timestamp": "2022-06-06T23:08:10+09:00",
          "tree_id": "891fb24dfd134c6497f8fcf2c717c648fac155ae",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/a81228576d9a5941a723aaa10b86f9753952045f"
        },
        "date": 1654524687101,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 236980,
            "range": "± 26061",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6795314,
            "range": "± 938548",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 192236393,
            "range": "± 14201705",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "committer": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "koba-e964",
            "username": "koba-e964"
          },
          "distinct": true,
          "id": "2db8c14e254b7dcc16e658851dc3e2c450569c9a",
          "message": "Fix description",
          "timestamp": "2022-06-06T23:24:21+09:00",
          "tree_id": "806e18a48cc7d986511973923d9aa965df3131ca",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/2db8c14e254b7dcc16e658851dc3e2c450569c9a"
        },
        "date": 1654525631927,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft::tests::bench_perft_2",
            "value": 174759,
            "range": "± 677",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5006314,
            "range": "± 9751",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 141997257,
            "range": "± 218307",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "c4f07c65070ed3539148637236d033e2972bf056",
          "message": "Merge pull request #2 from rust-shogi-crates/feature/all-checks\n\nAdd all_checks_partial",
          "timestamp": "2022-06-14T19:26:38+09:00",
          "tree_id": "43f3a4ea7407d4ad9c2e52bf33b83d7ba85e19e6",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/c4f07c65070ed3539148637236d033e2972bf056"
        },
        "date": 1655202971752,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 142077471,
            "range": "± 176096",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 1096859399,
            "range": "± 482266",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 187558,
            "range": "± 18375",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5303817,
            "range": "± 6655",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 151849452,
            "range": "± 150594",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "cfc2534989d6be0a156c107117c0e157cfdeb6bf",
          "message": "Merge pull request #3 from rust-shogi-crates/feature/order-moves\n\nOrder moves",
          "timestamp": "2022-06-14T21:34:06+09:00",
          "tree_id": "10513b760e6467eeaaf027101a1dd0990cba519f",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/cfc2534989d6be0a156c107117c0e157cfdeb6bf"
        },
        "date": 1655210639486,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 48361438,
            "range": "± 556309",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 1128233449,
            "range": "± 1276435",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 234762,
            "range": "± 755",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6782965,
            "range": "± 9128",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 193485110,
            "range": "± 78016",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "f18c971d46b8638ba47a406b2bb77633ccf1d19a",
          "message": "Merge pull request #5 from rust-shogi-crates/feature/flat-functions\n\nAdd functions to crate::*",
          "timestamp": "2022-06-27T23:32:29+09:00",
          "tree_id": "e3fa956e59c3acf60520f35105c8421bbf8a8eab",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/f18c971d46b8638ba47a406b2bb77633ccf1d19a"
        },
        "date": 1656340813745,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 37182009,
            "range": "± 85144",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 873404039,
            "range": "± 419627",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 180889,
            "range": "± 814",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5223758,
            "range": "± 10868",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 149188281,
            "range": "± 92209",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "36caea1b22848e325bfd8aa724b541d03959aaaf",
          "message": "Merge pull request #6 from rust-shogi-crates/release/0.1.1\n\nBump version to 0.1.1",
          "timestamp": "2022-06-27T23:50:19+09:00",
          "tree_id": "1935727d114d95a52a4ed7805f82f02ed3a0283c",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/36caea1b22848e325bfd8aa724b541d03959aaaf"
        },
        "date": 1656341977423,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 43550482,
            "range": "± 2231865",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 1038393055,
            "range": "± 43371871",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 234874,
            "range": "± 9957",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 6772808,
            "range": "± 255054",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 193118791,
            "range": "± 4452600",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "d453c00303a2e4f62dd65e2de05e80708b0fc51f",
          "message": "Merge pull request #7 from rust-shogi-crates/feature/prelegality\n\nMake prelegality public",
          "timestamp": "2022-08-05T19:43:00+09:00",
          "tree_id": "449daf979e24bd9b5ca5952f222ebee7088e352a",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/d453c00303a2e4f62dd65e2de05e80708b0fc51f"
        },
        "date": 1659696606707,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 36716574,
            "range": "± 151434",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 864530554,
            "range": "± 2337604",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 198183,
            "range": "± 557",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5524425,
            "range": "± 19626",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 157065262,
            "range": "± 85225",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "87a3bd3a9745f1ef8390ece604a31beed10afc4f",
          "message": "Merge pull request #8 from rust-shogi-crates/release/0.1.2\n\nBump version to 0.1.2",
          "timestamp": "2022-08-05T19:56:15+09:00",
          "tree_id": "3a49ae2ae0f06435a27eb626ed01f3af90391533",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/87a3bd3a9745f1ef8390ece604a31beed10afc4f"
        },
        "date": 1659697418910,
        "tool": "cargo",
        "benches": [
          {
            "name": "mate_solver::tests::bench_mate_0",
            "value": 38909937,
            "range": "± 320979",
            "unit": "ns/iter"
          },
          {
            "name": "mate_solver::tests::bench_mate_1",
            "value": 907508618,
            "range": "± 2392549",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_2",
            "value": 192947,
            "range": "± 652",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_3",
            "value": 5510979,
            "range": "± 6921",
            "unit": "ns/iter"
          },
          {
            "name": "perft::tests::bench_perft_4",
            "value": 156939340,
            "range": "± 113273",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "045c4541e884ffd2c381d6a1943d75490fd8d83f",
          "message": "Merge pull request #10 from rust-shogi-crates/fix/clippy\n\nFix clippy, benches, C bindings, remove shared references to mutable statics, run CI regularly",
          "timestamp": "2025-02-08T19:16:06+09:00",
          "tree_id": "c1ac2f2b9132e809d9b61ad64f468b067a039903",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/045c4541e884ffd2c381d6a1943d75490fd8d83f"
        },
        "date": 1739009926414,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 125,
            "range": "± 1",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3790,
            "range": "± 18",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 117390,
            "range": "± 737",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3307963,
            "range": "± 3672",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 96716440,
            "range": "± 880389",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 30792348,
            "range": "± 91652",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 718412238,
            "range": "± 1393169",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "455fe9e1eb02d380535223c8866eeccf6f72d451",
          "message": "Merge pull request #12 from rust-shogi-crates/fix/legality-pawn\n\nDrop-pawn mate doesn't happen if the opponent has no king",
          "timestamp": "2025-02-08T19:31:50+09:00",
          "tree_id": "c74703ddd5fceda88d8fd5a2eb8d882cf3c32cff",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/455fe9e1eb02d380535223c8866eeccf6f72d451"
        },
        "date": 1739010848622,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 125,
            "range": "± 1",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3851,
            "range": "± 13",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 118369,
            "range": "± 367",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3358563,
            "range": "± 9824",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 97166858,
            "range": "± 129246",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 3522245,
            "range": "± 5846",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 35935223,
            "range": "± 45538",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "e3d98acff098af408552569f0dd17f485105124f",
          "message": "Merge pull request #13 from rust-shogi-crates/release/0.1.3\n\nBump version to 0.1.3",
          "timestamp": "2025-02-08T19:44:48+09:00",
          "tree_id": "6314860e4c48cb4d9451c4d32fc6eda4786273f7",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/e3d98acff098af408552569f0dd17f485105124f"
        },
        "date": 1739011633351,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 124,
            "range": "± 0",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3840,
            "range": "± 13",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 118824,
            "range": "± 88",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3353913,
            "range": "± 7795",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 96856526,
            "range": "± 596162",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 3530959,
            "range": "± 14876",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 36068124,
            "range": "± 36015",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "1f4ba9abf85b5f7036eee9253b31bb1bc04798c0",
          "message": "Merge pull request #15 from rust-shogi-crates/fix/benchmark-results\n\nPush benchmark results only when pushed to main",
          "timestamp": "2025-02-14T00:50:24+09:00",
          "tree_id": "0bb6924434c022e4faffd3beffec58fa7f2e6b0c",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/1f4ba9abf85b5f7036eee9253b31bb1bc04798c0"
        },
        "date": 1739461984450,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 126,
            "range": "± 0",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3789,
            "range": "± 18",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 117561,
            "range": "± 148",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3307060,
            "range": "± 6742",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 95770457,
            "range": "± 239410",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 3551453,
            "range": "± 12784",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 36015093,
            "range": "± 72690",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "3f0563dff71140add5e121d73f9e9abb3ac5f8b7",
          "message": "Merge pull request #16 from rust-shogi-crates/fix/clippy\n\nClippy",
          "timestamp": "2025-03-13T22:33:47+09:00",
          "tree_id": "2531a9d15c72ed2277baae908d492792ac9e4b0d",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/3f0563dff71140add5e121d73f9e9abb3ac5f8b7"
        },
        "date": 1741872980943,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 126,
            "range": "± 0",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3904,
            "range": "± 5",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 120298,
            "range": "± 300",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3398285,
            "range": "± 15995",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 98437569,
            "range": "± 287817",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 3555981,
            "range": "± 9947",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 36214138,
            "range": "± 42642",
            "unit": "ns/iter"
          }
        ]
      },
      {
        "commit": {
          "author": {
            "email": "3303362+koba-e964@users.noreply.github.com",
            "name": "Hiroki Kobayashi",
            "username": "koba-e964"
          },
          "committer": {
            "email": "noreply@github.com",
            "name": "GitHub",
            "username": "web-flow"
          },
          "distinct": true,
          "id": "2f0fb12c6d1615daeafa3f73154c98e4a58d9a6c",
          "message": "Merge pull request #17 from rust-shogi-crates/koba-e964-patch-1\n\nDon't run benchmark-action/github-action-benchmark unless `github.event_name == 'push'`",
          "timestamp": "2025-03-20T22:56:31+09:00",
          "tree_id": "a5007a9afd430378a1b323fc19a84fc20b4f3623",
          "url": "https://github.com/rust-shogi-crates/shogi_legality_lite/commit/2f0fb12c6d1615daeafa3f73154c98e4a58d9a6c"
        },
        "date": 1742479144085,
        "tool": "cargo",
        "benches": [
          {
            "name": "perft/perft 0",
            "value": 132,
            "range": "± 0",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 1",
            "value": 3867,
            "range": "± 36",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 2",
            "value": 118300,
            "range": "± 174",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 3",
            "value": 3388611,
            "range": "± 14819",
            "unit": "ns/iter"
          },
          {
            "name": "perft/perft 4",
            "value": 96423760,
            "range": "± 211502",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 0",
            "value": 3533863,
            "range": "± 10705",
            "unit": "ns/iter"
          },
          {
            "name": "mate/mate 1",
            "value": 36178921,
            "range": "± 130166",
            "unit": "ns/iter"
          }
        ]
      }
    ]
  }
}