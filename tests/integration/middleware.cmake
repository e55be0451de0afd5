# Integration tests of the middleware and the mux over real sockets.
# Middleware: real servers on 127.0.0.1:0 (tst_middleware*), plus the socket-free checks (tst_middleware_unit).
find_package(ZLIB REQUIRED) # imported targets are directory-scoped: the gzip tests inflate with zlib
foreach(suite middleware middleware_access)
    switchboard_add_qtest(tst_${suite} LABEL integration SOURCES tst_${suite}.cpp
                          ${CMAKE_CURRENT_SOURCE_DIR}/../support/RawClient.cpp LIBS httpcore Qt6::Network)
endforeach()
switchboard_add_qtest(tst_middleware_gzip LABEL integration SOURCES tst_middleware_gzip.cpp
                      ${CMAKE_CURRENT_SOURCE_DIR}/../support/RawClient.cpp LIBS httpcore Qt6::Network ZLIB::ZLIB)
switchboard_add_qtest(tst_middleware_unit LABEL unit SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/../unit/tst_middleware_unit.cpp
                      LIBS httpcore ZLIB::ZLIB)
