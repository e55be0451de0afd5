# Tests of ui/routes (Qt Test, QT_QPA_PLATFORM=offscreen).
foreach(test tst_routesetdocument tst_routespanel tst_routeseditor tst_middlewarepanel tst_whyroutepanel)
    switchboard_add_qtest(${test} LABEL ui SOURCES ${test}.cpp LIBS ui)
    target_compile_definitions(${test} PRIVATE SWITCHBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
endforeach()
