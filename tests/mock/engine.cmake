# Tests of the mock engine (responses, rules, templates, faults, proxy) and the headless binary.
foreach(suite mockengine mockengine_templates mockengine_bodies mockengine_requestbody mockfaults mockfaults_slow)
    switchboard_add_qtest(tst_${suite} LABEL integration SOURCES tst_${suite}.cpp
                          ${PROJECT_SOURCE_DIR}/tests/support/RawClient.cpp LIBS mock Qt6::Network)
    target_compile_definitions(tst_${suite} PRIVATE
                               SWITCHBOARD_ENGINE_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data/engine")
endforeach()
