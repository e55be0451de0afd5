# Unit tests of the ServeMux.
switchboard_add_qtest(tst_pattern LABEL unit SOURCES tst_pattern.cpp LIBS httpcore)
switchboard_add_qtest(tst_servemux LABEL unit SOURCES tst_servemux.cpp LIBS httpcore)
switchboard_add_qtest(tst_matchexplanation LABEL unit SOURCES tst_matchexplanation.cpp LIBS httpcore)
# The ServeMux on a real server, over real sockets (registered here: this file is the mux's).
switchboard_add_qtest(tst_servemux_server LABEL integration
                      SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/../integration/tst_servemux_server.cpp
                              ${CMAKE_CURRENT_SOURCE_DIR}/../support/RawClient.cpp
                              ${CMAKE_CURRENT_SOURCE_DIR}/../support/RawClient.h
                      LIBS httpcore Qt6::Network)
