# Sources of the built-in middleware, added to the httpcore target. The gzip middleware needs zlib
# (Debian: zlib1g-dev).
find_package(ZLIB REQUIRED)
target_sources(httpcore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/AcceptEncoding.cpp ${CMAKE_CURRENT_LIST_DIR}/AcceptEncoding.h
    ${CMAKE_CURRENT_LIST_DIR}/AuthGate.cpp ${CMAKE_CURRENT_LIST_DIR}/AuthGate.h
    ${CMAKE_CURRENT_LIST_DIR}/CapturedExchange.h
    ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.cpp ${CMAKE_CURRENT_LIST_DIR}/ConstantTime.h
    ${CMAKE_CURRENT_LIST_DIR}/Cors.cpp ${CMAKE_CURRENT_LIST_DIR}/Cors.h
    ${CMAKE_CURRENT_LIST_DIR}/GzipCompressor.cpp ${CMAKE_CURRENT_LIST_DIR}/GzipCompressor.h
    ${CMAKE_CURRENT_LIST_DIR}/GzipEncoder.cpp ${CMAKE_CURRENT_LIST_DIR}/GzipEncoder.h
    ${CMAKE_CURRENT_LIST_DIR}/GzipWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/GzipWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/LatencyInjector.cpp ${CMAKE_CURRENT_LIST_DIR}/LatencyInjector.h
    ${CMAKE_CURRENT_LIST_DIR}/Middleware.cpp ${CMAKE_CURRENT_LIST_DIR}/Middleware.h
    ${CMAKE_CURRENT_LIST_DIR}/MiddlewareEntry.h
    ${CMAKE_CURRENT_LIST_DIR}/MiddlewareStack.cpp ${CMAKE_CURRENT_LIST_DIR}/MiddlewareStack.h
    ${CMAKE_CURRENT_LIST_DIR}/Recovery.cpp ${CMAKE_CURRENT_LIST_DIR}/Recovery.h
    ${CMAKE_CURRENT_LIST_DIR}/RequestCapture.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestCapture.h
    ${CMAKE_CURRENT_LIST_DIR}/RequestId.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestId.h
    ${CMAKE_CURRENT_LIST_DIR}/RequestLogger.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestLogger.h
    ${CMAKE_CURRENT_LIST_DIR}/ResponseWriterWrapper.cpp ${CMAKE_CURRENT_LIST_DIR}/ResponseWriterWrapper.h
    ${CMAKE_CURRENT_LIST_DIR}/TimeoutHandler.cpp ${CMAKE_CURRENT_LIST_DIR}/TimeoutHandler.h
    ${CMAKE_CURRENT_LIST_DIR}/TimeoutWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/TimeoutWriter.h
    ${CMAKE_CURRENT_LIST_DIR}/Vary.cpp ${CMAKE_CURRENT_LIST_DIR}/Vary.h
)
target_link_libraries(httpcore PRIVATE ZLIB::ZLIB)
