# Tests of the mock runtime: the middleware catalog and MockService on a real server.
switchboard_add_qtest(tst_mockservice LABEL integration SOURCES tst_mockservice.cpp
                      ${PROJECT_SOURCE_DIR}/tests/support/RawClient.cpp LIBS mock Qt6::Network)
switchboard_add_qtest(tst_routeexplainer LABEL unit SOURCES tst_routeexplainer.cpp LIBS mock)
