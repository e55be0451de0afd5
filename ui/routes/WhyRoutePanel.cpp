#include "ui/routes/WhyRoutePanel.h"

#include "ui/routes/RouteExplanationView.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/WidgetTeardown.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

WhyRoutePanel::WhyRoutePanel(RouteSetDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_method(new QComboBox(this)), m_url(new QLineEdit(this)),
      m_view(new RouteExplanationView(document, this))
{
    m_method->setObjectName(u"whyRouteMethodCombo"_s);
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->addItems({u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"OPTIONS"_s});
    m_method->setToolTip(tr("The request method; type any other token"));
    m_url->setObjectName(u"whyRouteUrlEdit"_s);
    m_url->setPlaceholderText(tr("/path?x=1 or http://host:port/path"));
    m_url->setClearButtonEnabled(true);
    m_view->setObjectName(u"whyRouteView"_s);

    auto *request = new QHBoxLayout;
    request->addWidget(m_method);
    request->addWidget(m_url, 1);
    auto *hint = new QLabel(tr("Which route would answer? Nothing is sent: the routes are only consulted."), this);
    hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addLayout(request);
    layout->addWidget(m_view, 1);

    // Every keystroke explains again; the combo's edit text covers both picking an item and typing.
    connect(m_method, &QComboBox::currentTextChanged, this, &WhyRoutePanel::explain);
    connect(m_url, &QLineEdit::textChanged, this, &WhyRoutePanel::explain);
    // A new server host:port changes the default Host; the view follows route edits by itself.
    connect(m_document, &RouteSetDocument::changed, this, &WhyRoutePanel::explain);
    explain();
}

WhyRoutePanel::~WhyRoutePanel()
{
    disconnectChildren(this);
}

void WhyRoutePanel::setRequest(const QString &method, const QString &url)
{
    m_method->setCurrentText(method);
    m_url->setText(url);
    explain();
}

void WhyRoutePanel::explain()
{
    const QString url = m_url->text().trimmed();
    const QString method = m_method->currentText().trimmed();
    if (url.isEmpty() || method.isEmpty()) {
        m_view->clear();
        return;
    }
    // A path typed without its leading slash is what the user meant; anything else is explained as typed.
    const bool bare = !url.startsWith(u'/') && !url.contains(u"://"_s) && url != u"*"_s;
    m_view->explainRequest(method, defaultHost(), bare ? u'/' + url : url);
}

QString WhyRoutePanel::defaultHost() const
{
    const mock::ServerSettings &server = m_document->set().server;
    // An IPv6 address is bracketed in a Host field (RFC 9110 §7.2, RFC 3986 §3.2.2).
    const QString host = server.host.contains(u':') ? u'[' + server.host + u']' : server.host;
    return u"%1:%2"_s.arg(host).arg(server.port);
}

} // namespace ui
