# The mock runtime: a route set made servable (middleware from its settings, mux, proxy). Added to the mock target.
target_sources(mock PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/MiddlewareCatalog.cpp ${CMAKE_CURRENT_LIST_DIR}/MiddlewareCatalog.h
    ${CMAKE_CURRENT_LIST_DIR}/MockService.cpp ${CMAKE_CURRENT_LIST_DIR}/MockService.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteExplainer.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplainer.h
)
target_sources(mock PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ServerLimitsConfig.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/ServerLimitsConfig.h)
