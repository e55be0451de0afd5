#pragma once

#include "httpcore/Expected.h"

#include <QByteArray>
#include <QString>

#include <memory>

#include <kainjow/mustache.hpp>

namespace mock
{

class TemplateData;

// MockTemplate is one mustache template of a response (an inline body or a header value), parsed once when the
// handler snapshot is built (kainjow mustache; see TemplateData for the names it can use).
//
// Thread affinity: none; immutable once parsed, and render() is const and safe to call concurrently: each call
// renders a private copy of the parsed template, because kainjow's renderer records errors in the template
// object, which would otherwise be shared state (and poison later renders).
class MockTemplate
{
public:
    // parse parses source; the error is kainjow's message ("Unclosed section \"x\" at 12").
    [[nodiscard]] static httpcore::Expected<MockTemplate, QString> parse(const QString &source);
    // isTemplate tells whether source has any mustache tag; a text without one is served as it is.
    static bool isTemplate(const QString &source);

    // usesBody is true when the template names request.body or request.json (they are then read and built).
    bool usesBody() const { return m_usesBody; }

    // render renders the template with data; the error names what failed (kainjow's message, or a helper's).
    [[nodiscard]] httpcore::Expected<QByteArray, QString> render(TemplateData &data) const;

private:
    MockTemplate(std::shared_ptr<const kainjow::mustache::mustache> parsed, bool usesBody);

    std::shared_ptr<const kainjow::mustache::mustache> m_parsed;
    bool m_usesBody = false;
};

} // namespace mock
