#pragma once

#include "app/CommandLine.h"

#include <QCoreApplication>

#include <memory>

namespace app
{

// wantsWindow says, from the raw arguments and before any application object exists, whether this run opens the
// window: it does when every argument is --routes, --host, --port, --workers, --log or --log-format with its value;
// --headless, a command (--check, --import-*, --export-openapi), --help, --version or anything unknown runs without
// a window (and so without a display). Pure; thread-safe.
bool wantsWindow(int argc, const char *const *argv);

// hasDisplay says whether a window can be shown: DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM is set.
bool hasDisplay();

// makeApplication creates the application object: a QApplication when window is true, else a QCoreApplication.
// argc must outlive it (Qt keeps a reference).
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv, bool window);

// runGui opens the main window on the route set of options.routes (else the bundled example), starts serving it on
// its host and port (or those of the command line) and runs the event loop until the window closes. Needs the
// QApplication of makeApplication(); main thread only.
int runGui(const Options &options);

} // namespace app
