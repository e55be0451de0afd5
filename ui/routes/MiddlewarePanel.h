#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace ui
{

class RouteSetDocument;

// MiddlewarePanel edits the middleware chain of a RouteSetDocument (server.middleware, outermost first): a list
// ("middlewareList") with a check box per middleware to turn it on or off, reordered by dragging or with
// "moveMiddlewareUpButton"/"moveMiddlewareDownButton"; "addMiddlewareCombo" offers the middleware from
// mock::middlewareNames() not yet in the chain and "addMiddlewareButton" appends the chosen one;
// "removeMiddlewareButton" removes the selected one. The selected middleware's settings are shown as the JSON
// text of its settings object ("middlewareSettingsEdit"), checked with mock::checkMiddlewareSetting() as the
// user types (problems in "middlewareSettingsMessage") and applied with "applyMiddlewareSettingsButton", enabled
// only while the text is valid and differs from the document. Every change is one undo command of the
// document.
//
// Lives on the GUI thread. The document must outlive the panel.
class MiddlewarePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MiddlewarePanel)

public:
    explicit MiddlewarePanel(RouteSetDocument *document, QWidget *parent = nullptr);
    ~MiddlewarePanel() override;

private:
    void refresh();
    void showSettings();
    void checkSettings();
    void applySettings();
    void applyListOrder();
    void moveCurrent(int delta);
    void updateButtons();
    int currentRow() const;
    // settingsFromText parses the editor's text as a settings object; nothing (and error set) when it is not one.
    std::optional<QJsonObject> settingsFromText(QString *error) const;

    RouteSetDocument *m_document; // not owned
    QListWidget *m_list;
    QComboBox *m_addCombo;
    QPushButton *m_add;
    QPushButton *m_remove;
    QPushButton *m_up;
    QPushButton *m_down;
    QPlainTextEdit *m_settings;
    QLabel *m_settingsMessage;
    QPushButton *m_apply;
    QLabel *m_settingsTitle;
    bool m_refreshing = false;
    // What the settings editor was last filled from: unapplied typing survives changes of other middleware.
    QString m_shownName;
    QJsonObject m_shownSettings;
};

} // namespace ui
