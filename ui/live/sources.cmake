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
target_sources(
    ui
    PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ConnectionsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/ConnectionsPanel.h
            ${CMAKE_CURRENT_LIST_DIR}/ConnectionTimelineDelegate.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ConnectionTimelineDelegate.h)
target_sources(ui PRIVATE ${CMAKE_CURRENT_LIST_DIR}/LiveStats.cpp ${CMAKE_CURRENT_LIST_DIR}/LiveStats.h
                          ${CMAKE_CURRENT_LIST_DIR}/StatsPanel.cpp ${CMAKE_CURRENT_LIST_DIR}/StatsPanel.h)
target_sources(
    ui
    PRIVATE ${CMAKE_CURRENT_LIST_DIR}/BodyFormat.cpp ${CMAKE_CURRENT_LIST_DIR}/BodyFormat.h
            ${CMAKE_CURRENT_LIST_DIR}/BodyView.cpp ${CMAKE_CURRENT_LIST_DIR}/BodyView.h
            ${CMAKE_CURRENT_LIST_DIR}/CredentialMask.cpp ${CMAKE_CURRENT_LIST_DIR}/CredentialMask.h
            ${CMAKE_CURRENT_LIST_DIR}/HarWriter.cpp ${CMAKE_CURRENT_LIST_DIR}/HarWriter.h
            ${CMAKE_CURRENT_LIST_DIR}/JourneyTimeline.cpp ${CMAKE_CURRENT_LIST_DIR}/JourneyTimeline.h)
