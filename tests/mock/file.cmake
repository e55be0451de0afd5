# Tests of route-set files (load, save, validation, import, export).
foreach(test tst_routesetfile tst_routesetfile_errors tst_routesetfile_save tst_routesetfile_docs)
    switchboard_add_qtest(${test} LABEL unit SOURCES ${test}.cpp LIBS mock)
    target_compile_definitions(${test} PRIVATE SWITCHBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endforeach()

# The JSON Schema against the files it describes, with an independent validator (Python's jsonschema, Debian
# package python3-jsonschema), when the machine has it.
find_package(Python3 COMPONENTS Interpreter QUIET)
if(Python3_Interpreter_FOUND)
    execute_process(COMMAND ${Python3_EXECUTABLE} -c "import jsonschema" RESULT_VARIABLE switchboard_no_jsonschema
                    OUTPUT_QUIET ERROR_QUIET)
    if(switchboard_no_jsonschema EQUAL 0)
        add_test(NAME routeset_schema COMMAND ${Python3_EXECUTABLE}
                 ${PROJECT_SOURCE_DIR}/tests/data/routesets/check_schema.py ${PROJECT_SOURCE_DIR})
        set_tests_properties(routeset_schema PROPERTIES LABELS unit TIMEOUT 60)
    else()
        message(STATUS "python3-jsonschema not found: the routeset_schema test is not registered")
    endif()
endif()
switchboard_add_qtest(tst_routesetfile_limits LABEL unit SOURCES tst_routesetfile_limits.cpp LIBS mock)
