# Import and export: Mockoon, WireMock and OpenAPI to route sets, route sets to OpenAPI. Added to the mock target.
# YAML (OpenAPI) is read with yaml-cpp (Debian: libyaml-cpp-dev).
find_package(yaml-cpp REQUIRED)
target_sources(mock PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ConvertFiles.cpp ${CMAKE_CURRENT_LIST_DIR}/ConvertFiles.h
    ${CMAKE_CURRENT_LIST_DIR}/ConvertText.cpp ${CMAKE_CURRENT_LIST_DIR}/ConvertText.h
    ${CMAKE_CURRENT_LIST_DIR}/DocumentReader.cpp ${CMAKE_CURRENT_LIST_DIR}/DocumentReader.h
    ${CMAKE_CURRENT_LIST_DIR}/DocumentWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/DocumentWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/ImportedRoute.cpp ${CMAKE_CURRENT_LIST_DIR}/ImportedRoute.h
    ${CMAKE_CURRENT_LIST_DIR}/ImportReport.cpp ${CMAKE_CURRENT_LIST_DIR}/ImportReport.h
    ${CMAKE_CURRENT_LIST_DIR}/ImportResult.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonTextReader.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonTextReader.h
    ${CMAKE_CURRENT_LIST_DIR}/KeyOrder.cpp ${CMAKE_CURRENT_LIST_DIR}/KeyOrder.h
    ${CMAKE_CURRENT_LIST_DIR}/MockoonImporter.cpp ${CMAKE_CURRENT_LIST_DIR}/MockoonImporter.h
    ${CMAKE_CURRENT_LIST_DIR}/MockoonResponses.cpp ${CMAKE_CURRENT_LIST_DIR}/MockoonResponses.h
    ${CMAKE_CURRENT_LIST_DIR}/OpenApiExporter.cpp ${CMAKE_CURRENT_LIST_DIR}/OpenApiExporter.h
    ${CMAKE_CURRENT_LIST_DIR}/OpenApiImporter.cpp ${CMAKE_CURRENT_LIST_DIR}/OpenApiImporter.h
    ${CMAKE_CURRENT_LIST_DIR}/OpenApiSchemas.cpp ${CMAKE_CURRENT_LIST_DIR}/OpenApiSchemas.h
    ${CMAKE_CURRENT_LIST_DIR}/PathConversion.cpp ${CMAKE_CURRENT_LIST_DIR}/PathConversion.h
    ${CMAKE_CURRENT_LIST_DIR}/PathConverter.cpp ${CMAKE_CURRENT_LIST_DIR}/PathConverter.h
    ${CMAKE_CURRENT_LIST_DIR}/PrecedenceCheck.cpp ${CMAKE_CURRENT_LIST_DIR}/PrecedenceCheck.h
    ${CMAKE_CURRENT_LIST_DIR}/RegexPathConverter.cpp ${CMAKE_CURRENT_LIST_DIR}/RegexPathConverter.h
    ${CMAKE_CURRENT_LIST_DIR}/RegexText.cpp ${CMAKE_CURRENT_LIST_DIR}/RegexText.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSummary.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSummary.h
    ${CMAKE_CURRENT_LIST_DIR}/WireMockImporter.cpp ${CMAKE_CURRENT_LIST_DIR}/WireMockImporter.h
    ${CMAKE_CURRENT_LIST_DIR}/WireMockMatchers.cpp ${CMAKE_CURRENT_LIST_DIR}/WireMockMatchers.h
    ${CMAKE_CURRENT_LIST_DIR}/WireMockResponses.cpp ${CMAKE_CURRENT_LIST_DIR}/WireMockResponses.h
    ${CMAKE_CURRENT_LIST_DIR}/YamlReader.cpp ${CMAKE_CURRENT_LIST_DIR}/YamlReader.h
)
target_link_libraries(mock PRIVATE yaml-cpp)
