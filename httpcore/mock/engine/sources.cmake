# The mock engine: route handlers, response selection, rules, templating, faults, proxy. Added to the mock target.
find_path(SWITCHBOARD_MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED
          DOC "kainjow mustache (Debian: libkainjow-mustache-dev)")
target_include_directories(mock SYSTEM PRIVATE ${SWITCHBOARD_MUSTACHE_INCLUDE_DIR})
target_sources(mock PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/BodySource.cpp ${CMAKE_CURRENT_LIST_DIR}/BodySource.h
    ${CMAKE_CURRENT_LIST_DIR}/BodyStreamer.cpp ${CMAKE_CURRENT_LIST_DIR}/BodyStreamer.h
    ${CMAKE_CURRENT_LIST_DIR}/CompiledRoute.cpp ${CMAKE_CURRENT_LIST_DIR}/CompiledRoute.h
    ${CMAKE_CURRENT_LIST_DIR}/EngineProblem.h
    ${CMAKE_CURRENT_LIST_DIR}/Exchange.cpp ${CMAKE_CURRENT_LIST_DIR}/Exchange.h
    ${CMAKE_CURRENT_LIST_DIR}/FaultDice.cpp ${CMAKE_CURRENT_LIST_DIR}/FaultDice.h
    ${CMAKE_CURRENT_LIST_DIR}/MockHandler.cpp ${CMAKE_CURRENT_LIST_DIR}/MockHandler.h
    ${CMAKE_CURRENT_LIST_DIR}/MockTemplate.cpp ${CMAKE_CURRENT_LIST_DIR}/MockTemplate.h
    ${CMAKE_CURRENT_LIST_DIR}/RawConnection.cpp ${CMAKE_CURRENT_LIST_DIR}/RawConnection.h
    ${CMAKE_CURRENT_LIST_DIR}/RawResponseWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/RawResponseWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/RequestData.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestData.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseAnswer.cpp ${CMAKE_CURRENT_LIST_DIR}/ResponseAnswer.h
    ${CMAKE_CURRENT_LIST_DIR}/RouteHandler.cpp ${CMAKE_CURRENT_LIST_DIR}/RouteHandler.h
    ${CMAKE_CURRENT_LIST_DIR}/RuleMatcher.cpp ${CMAKE_CURRENT_LIST_DIR}/RuleMatcher.h
    ${CMAKE_CURRENT_LIST_DIR}/SlowUploadReader.cpp ${CMAKE_CURRENT_LIST_DIR}/SlowUploadReader.h
    ${CMAKE_CURRENT_LIST_DIR}/TemplateData.cpp ${CMAKE_CURRENT_LIST_DIR}/TemplateData.h
    ${CMAKE_CURRENT_LIST_DIR}/ThreadContext.cpp ${CMAKE_CURRENT_LIST_DIR}/ThreadContext.h
    ${CMAKE_CURRENT_LIST_DIR}/WireFaults.cpp ${CMAKE_CURRENT_LIST_DIR}/WireFaults.h
)
