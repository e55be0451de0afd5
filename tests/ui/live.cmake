# Tests of ui/live (Qt Test, QT_QPA_PLATFORM=offscreen).
switchboard_add_qtest(tst_servercontroller LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_servercontroller.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_requestlogmodel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_requestlogmodel.cpp LIBS ui
                      Qt6::Network)
switchboard_add_qtest(tst_connectionsmodel LABEL ui SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_connectionsmodel.cpp LIBS ui
                      Qt6::Network)
