#pragma once

#include "httpcore/middleware/Middleware.h"

#include <QByteArray>

#include <any>
#include <utility>

namespace httpcore
{

// MiddlewareEntry is one named layer of a MiddlewareStack: a configured middleware that can be switched on and
// off. settings keeps the settings value the middleware was built from (e.g. a Cors::Settings), so an editor can
// show and change it; the stack itself never looks inside. A plain value type with no thread affinity.
struct MiddlewareEntry
{
    // name identifies the entry in its stack (unique there, non-empty) and labels its journey marks.
    QByteArray name;
    bool enabled = true;
    Middleware middleware;
    std::any settings;

    // of builds the entry of a built-in middleware M (a class with a nested Settings and a static
    // middleware(Settings)) from settings.
    template <typename M>
    static MiddlewareEntry of(QByteArray name, typename M::Settings settings, bool enabled = true)
    {
        Middleware middleware = M::middleware(settings);
        return MiddlewareEntry{std::move(name), enabled, std::move(middleware), std::move(settings)};
    }
};

} // namespace httpcore
