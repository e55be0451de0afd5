#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace ui
{

class RouteExplanationView;
class RouteSetDocument;

// WhyRoutePanel is the "Why this route?" box: the user picks or types a method ("whyRouteMethodCombo", editable)
// and types a URL ("whyRouteUrlEdit": "/path?x=1", or "http://host:port/path?x=1" whose authority is the host),
// and sees at once, without any traffic being sent, which route of the document would answer, the routes that
// also matched and why they lost, or the 301, 404 or 405 that would come instead (a RouteExplanationView,
// "whyRouteView"). A URL without a host is explained with the Host the document's server listens on
// ("host:port" from its server settings). The explanation follows every keystroke and every change of the
// document (an edit, undo, load).
//
// Lives on the GUI thread. The document must outlive the panel.
class WhyRoutePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WhyRoutePanel)

public:
    explicit WhyRoutePanel(RouteSetDocument *document, QWidget *parent = nullptr);
    ~WhyRoutePanel() override;

    // view is the explanation view (owned by the panel).
    RouteExplanationView *view() const { return m_view; }
    // setRequest fills the method and URL fields (as if typed) and explains them.
    void setRequest(const QString &method, const QString &url);

private:
    void explain();
    QString defaultHost() const;

    RouteSetDocument *m_document; // not owned
    QComboBox *m_method;
    QLineEdit *m_url;
    RouteExplanationView *m_view;
};

} // namespace ui
