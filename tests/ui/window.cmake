# Tests of ui/window (Qt Test, QT_QPA_PLATFORM=offscreen).
switchboard_add_qtest(tst_mainwindow LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_mainwindow.cpp LIBS ui
                      Qt6::Network)
target_compile_definitions(tst_mainwindow PRIVATE SWITCHBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
switchboard_add_qtest(tst_sessionfiles LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_sessionfiles.cpp LIBS ui)
target_compile_definitions(tst_sessionfiles PRIVATE SWITCHBOARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
switchboard_add_qtest(tst_serverlimitseditor LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_serverlimitseditor.cpp
                      LIBS ui Qt6::Network)
