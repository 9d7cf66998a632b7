{
  "targets": [
    {
      "target_name": "lakeshift_native",
      "sources": ["datarow.cc", "copycast.cc", "textscan.cc", "fieldscan.cc", "fieldstream.cc"],
      "cflags_cc": ["-O3", "-std=c++17", "-fno-exceptions"],
      "cflags_cc!": ["-fno-rtti"],
      "defines": ["NAPI_VERSION=8"],
      "libraries": ["-ldl"]
    }
  ]
}
