# Route-set files: JSON load/save, validation, import/export. Added to the mock target.
target_sources(mock PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/JsonTextScanner.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonTextScanner.h
    ${CMAKE_CURRENT_LIST_DIR}/FileProblem.cpp ${CMAKE_CURRENT_LIST_DIR}/FileProblem.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonLocation.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonLocation.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonString.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonString.h
    ${CMAKE_CURRENT_LIST_DIR}/JsonObjectReader.cpp ${CMAKE_CURRENT_LIST_DIR}/JsonObjectReader.h
    ${CMAKE_CURRENT_LIST_DIR}/OrderedJson.cpp ${CMAKE_CURRENT_LIST_DIR}/OrderedJson.h
    ${CMAKE_CURRENT_LIST_DIR}/ProblemList.cpp ${CMAKE_CURRENT_LIST_DIR}/ProblemList.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseValidator.cpp ${CMAKE_CURRENT_LIST_DIR}/ResponseValidator.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetCheck.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetCheck.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetFile.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetFile.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetJsonReader.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetJsonReader.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetJsonWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetJsonWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetKeys.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetKeys.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteSetValidator.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteSetValidator.h
)
