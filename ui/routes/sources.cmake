# ui/routes sources, added to the ui target.
target_sources(ui PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/FaultEditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/FaultEditor.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonBodyText.cpp
    ${CMAKE_CURRENT_LIST_DIR}/JsonBodyText.h
    ${CMAKE_CURRENT_LIST_DIR}/MiddlewarePanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/MiddlewarePanel.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseEditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/ResponseEditor.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteChecks.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RouteChecks.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteEditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RouteEditor.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetDocument.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetDocument.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutesPanel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RoutesPanel.h
    ${CMAKE_CURRENT_LIST_DIR}/RoutesTableModel.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RoutesTableModel.h
    ${CMAKE_CURRENT_LIST_DIR}/RulesEditor.cpp
    ${CMAKE_CURRENT_LIST_DIR}/RulesEditor.h
    ${CMAKE_CURRENT_LIST_DIR}/WidgetTeardown.h
)
target_sources(ui PRIVATE ${CMAKE_CURRENT_LIST_DIR}/RouteExplanationView.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteExplanationView.h
                          ${CMAKE_CURRENT_LIST_DIR}/WhyRoutePanel.cpp ${CMAKE_CURRENT_LIST_DIR}/WhyRoutePanel.h)
