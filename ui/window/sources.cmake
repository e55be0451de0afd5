# ui/window sources, added to the ui target.
target_sources(
    ui
    PRIVATE ${CMAKE_CURRENT_LIST_DIR}/Autosave.cpp
            ${CMAKE_CURRENT_LIST_DIR}/Autosave.h
            ${CMAKE_CURRENT_LIST_DIR}/Dialogs.cpp
            ${CMAKE_CURRENT_LIST_DIR}/Dialogs.h
            ${CMAKE_CURRENT_LIST_DIR}/FileActions.cpp
            ${CMAKE_CURRENT_LIST_DIR}/FileActions.h
            ${CMAKE_CURRENT_LIST_DIR}/MainWindow.cpp
            ${CMAKE_CURRENT_LIST_DIR}/MainWindow.h
            ${CMAKE_CURRENT_LIST_DIR}/RecentFiles.cpp
            ${CMAKE_CURRENT_LIST_DIR}/RecentFiles.h
            ${CMAKE_CURRENT_LIST_DIR}/ServerToolBar.cpp
            ${CMAKE_CURRENT_LIST_DIR}/ServerToolBar.h)
target_sources(ui PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ServerLimitsEditor.cpp
                          ${CMAKE_CURRENT_LIST_DIR}/ServerLimitsEditor.h)
