#include "httpcore/mock/engine/MockTemplate.h"

#include "httpcore/mock/engine/TemplateData.h"

#include <QRegularExpression>

#include <exception>
#include <vector>

using namespace Qt::StringLiterals;

namespace mock
{

namespace
{

using Data = kainjow::mustache::data;

std::vector<std::string> splitName(const std::string &name)
{
    std::vector<std::string> parts;
    size_t start = 0;
    while (true) {
        const size_t dot = name.find('.', start);
        parts.push_back(name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            return parts;
        start = dot + 1;
    }
}

// walk follows names from data: object keys, and numeric segments as list indexes (kainjow's own context does
// not index lists, and "request.json.items.0.id" is what users write).
const Data *walk(const Data *data, const std::vector<std::string> &names)
{
    for (const std::string &name : names) {
        if (!data)
            return nullptr;
        if (data->is_object()) {
            data = data->get(name);
        } else if (data->is_list() && !name.empty() && name.find_first_not_of("0123456789") == std::string::npos &&
                   name.size() < 10) {
            const size_t index = std::stoul(name);
            const auto &list = data->list_value();
            data = index < list.size() ? &list[index] : nullptr;
        } else {
            return nullptr;
        }
    }
    return data;
}

// TemplateContext is kainjow's context stack (sections push their value) with list indexing added to name lookup.
class TemplateContext final : public kainjow::mustache::basic_context<std::string>
{
public:
    explicit TemplateContext(const Data *root) { m_items.push_back(root); }

    void push(const Data *data) override { m_items.insert(m_items.begin(), data); }
    void pop() override { m_items.erase(m_items.begin()); }

    const Data *get(const std::string &name) const override
    {
        if (name == ".")
            return m_items.front();
        const std::vector<std::string> names = splitName(name);
        for (const Data *item : m_items) {
            if (const Data *found = walk(item, names))
                return found;
        }
        return nullptr;
    }

    // No partials: {{> name}} renders nothing.
    const Data *get_partial(const std::string &) const override { return nullptr; }

private:
    std::vector<const Data *> m_items;
};

std::string noEscape(const std::string &text)
{
    return text;
}

} // namespace

MockTemplate::MockTemplate(std::shared_ptr<const kainjow::mustache::mustache> parsed, bool usesBody)
    : m_parsed(std::move(parsed)), m_usesBody(usesBody)
{}

bool MockTemplate::isTemplate(const QString &source)
{
    return source.contains(u"{{"_s);
}

httpcore::Expected<MockTemplate, QString> MockTemplate::parse(const QString &source)
{
    auto parsed = std::make_shared<kainjow::mustache::mustache>(source.toStdString());
    if (!parsed->is_valid())
        return httpcore::Unexpected<QString>{QString::fromStdString(parsed->error_message())};
    // Mock bodies are mostly JSON, where HTML escaping would be wrong; see TemplateData.
    parsed->set_custom_escape(noEscape);
    // A tag naming body or json (request.body, request.json.x, or body/json inside a request section). After a
    // set-delimiter tag ("{{=<% %>=}}") tags no longer start with "{{": assume the body is needed (found by
    // fuzz_template).
    static const QRegularExpression bodyTag(u"\\{\\{[^}]*\\b(body|json)\\b"_s);
    static const QRegularExpression setDelimiters(u"\\{\\{\\s*="_s);
    return MockTemplate(std::move(parsed), bodyTag.match(source).hasMatch() || setDelimiters.match(source).hasMatch());
}

httpcore::Expected<QByteArray, QString> MockTemplate::render(TemplateData &data) const
{
    kainjow::mustache::mustache copy = *m_parsed;
    data.clearError();
    TemplateContext context(&data.root());
    std::string out;
    try {
        out = copy.render(context);
    } catch (const std::exception &e) {
        return httpcore::Unexpected<QString>{QString::fromUtf8(e.what())};
    }
    if (!copy.is_valid())
        return httpcore::Unexpected<QString>{QString::fromStdString(copy.error_message())};
    if (const QString error = data.error(); !error.isEmpty())
        return httpcore::Unexpected<QString>{error};
    return QByteArray::fromStdString(out);
}

} // namespace mock
