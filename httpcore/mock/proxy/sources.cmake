# The proxy fallback: forwards unmatched requests to an upstream and records exchanges as routes. Added to the
# mock target.
target_sources(mock PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ProxyExchange.cpp ${CMAKE_CURRENT_LIST_DIR}/ProxyExchange.h
    ${CMAKE_CURRENT_LIST_DIR}/ProxyHandler.cpp ${CMAKE_CURRENT_LIST_DIR}/ProxyHandler.h
    ${CMAKE_CURRENT_LIST_DIR}/ProxyHeaders.cpp ${CMAKE_CURRENT_LIST_DIR}/ProxyHeaders.h
    ${CMAKE_CURRENT_LIST_DIR}/ProxyNetwork.cpp ${CMAKE_CURRENT_LIST_DIR}/ProxyNetwork.h
    ${CMAKE_CURRENT_LIST_DIR}/ProxyOptions.h
    ${CMAKE_CURRENT_LIST_DIR}/ProxyRecorder.cpp ${CMAKE_CURRENT_LIST_DIR}/ProxyRecorder.h
    ${CMAKE_CURRENT_LIST_DIR}/RecordedExchange.h
    ${CMAKE_CURRENT_LIST_DIR}/RecordedRoute.cpp ${CMAKE_CURRENT_LIST_DIR}/RecordedRoute.h
)
