# Tests of import (Mockoon, OpenAPI, WireMock) and of the OpenAPI export, on the sample files in tests/data/convert.
foreach(test tst_importmockoon tst_importopenapi tst_importwiremock tst_exportopenapi)
    switchboard_add_qtest(${test} LABEL unit SOURCES ${test}.cpp LIBS mock)
    target_compile_definitions(${test} PRIVATE SWITCHBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endforeach()
