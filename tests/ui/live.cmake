# Tests of ui/live (Qt Test, QT_QPA_PLATFORM=offscreen).
switchboard_add_qtest(tst_servercontroller LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_servercontroller.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_requestlogmodel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_requestlogmodel.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_connectionsmodel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_connectionsmodel.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_statspanel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_statspanel.cpp LIBS ui)
switchboard_add_qtest(tst_credentialmask LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_credentialmask.cpp LIBS ui)
switchboard_add_qtest(tst_bodyview LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_bodyview.cpp LIBS ui)
switchboard_add_qtest(tst_harwriter LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_harwriter.cpp LIBS ui)
switchboard_add_qtest(tst_requestinspector LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_requestinspector.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_connectionspanel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_connectionspanel.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_journeytimeline LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_journeytimeline.cpp LIBS ui)
