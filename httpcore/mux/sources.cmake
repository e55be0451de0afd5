# Sources of the ServeMux (Go 1.22 patterns and routing tree), added to the httpcore target.
target_sources(httpcore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MatchExplanation.cpp ${CMAKE_CURRENT_LIST_DIR}/MatchExplanation.h
    ${CMAKE_CURRENT_LIST_DIR}/MuxError.h
    ${CMAKE_CURRENT_LIST_DIR}/MuxPath.cpp ${CMAKE_CURRENT_LIST_DIR}/MuxPath.h
    ${CMAKE_CURRENT_LIST_DIR}/Pattern.cpp ${CMAKE_CURRENT_LIST_DIR}/Pattern.h
    ${CMAKE_CURRENT_LIST_DIR}/PatternConflict.cpp ${CMAKE_CURRENT_LIST_DIR}/PatternConflict.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingIndex.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingIndex.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutingTree.cpp ${CMAKE_CURRENT_LIST_DIR}/RoutingTree.h
    ${CMAKE_CURRENT_LIST_DIR}/ServeMux.cpp ${CMAKE_CURRENT_LIST_DIR}/ServeMux.h
    ${CMAKE_CURRENT_LIST_DIR}/SwappableHandler.cpp ${CMAKE_CURRENT_LIST_DIR}/SwappableHandler.h
)
