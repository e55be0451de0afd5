# ui/live sources, added to the ui target.
target_sources(
    ui
    PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ConnectionsModel.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ConnectionsModel.h
            ${CMAKE_CURRENT_LIST_DIR}/LiveBatch.h
            ${CMAKE_CURRENT_LIST_DIR}/RequestDumpText.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RequestDumpText.h
            ${CMAKE_CURRENT_LIST_DIR}/RequestFilterModel.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RequestFilterModel.h
            ${CMAKE_CURRENT_LIST_DIR}/RequestInspector.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RequestInspector.h
            ${CMAKE_CURRENT_LIST_DIR}/RequestLogModel.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RequestLogModel.h
            ${CMAKE_CURRENT_LIST_DIR}/RequestRecord.h
            ${CMAKE_CURRENT_LIST_DIR}/ServerController.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ServerController.h)
target_sources(ui PRIVATE ${CMAKE_CURRENT_LIST_DIR}/RequestsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/RequestsPanel.h)
