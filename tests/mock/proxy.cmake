# Tests of the proxy fallback: a real upstream server and a front server running the proxy, on 127.0.0.1:0.
switchboard_add_qtest(tst_proxy LABEL integration SOURCES tst_proxy.cpp tst_proxy_upstream.cpp tst_proxy_upstream.h
                      ${PROJECT_SOURCE_DIR}/tests/support/RawClient.cpp LIBS mock Qt6::Network)
foreach(test tst_proxy_lifecycle tst_proxy_recording)
    switchboard_add_qtest(${test} LABEL integration SOURCES ${test}.cpp tst_proxy_upstream.cpp tst_proxy_upstream.h
                          ${PROJECT_SOURCE_DIR}/tests/support/RawClient.cpp LIBS mock Qt6::Network)
endforeach()
