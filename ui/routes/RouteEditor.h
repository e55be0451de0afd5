#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace ui
{

class ResponseEditor;

// RouteEditor is the dialog that edits one route of a set ("routeEditor"): its id ("idEdit"), pattern
// ("patternEdit"), enabled flag ("enabledCheck"), note ("noteEdit"), mode ("modeCombo") and responses (the list
// "responsesList", with add, duplicate, remove and move buttons, and a ResponseEditor for the selected one).
//
// It checks the route while the user types: the pattern (RouteChecks: it must parse and must not conflict
// with another enabled route of the set, which the message names by id and pattern) in "patternMessage", the
// id in "idMessage", everything else mock::RouteSetValidator checks about the route in "problemsLabel". OK
// ("saveRouteButton") is enabled only while there is no problem. The dialog edits a copy: the caller reads
// route() once it is accepted and applies it to its document.
//
// Lives on the GUI thread.
class RouteEditor final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RouteEditor)

public:
    // RouteEditor edits route index of set, or a new route (with a fresh id and one response) when index is -1.
    // baseDir is the directory relative body files resolve from (empty: the set is unsaved).
    RouteEditor(const mock::RouteSet &set, qsizetype index, const QString &baseDir, QWidget *parent = nullptr);
    ~RouteEditor() override;

    // route is the route as edited.
    mock::Route route() const;
    // hasProblems reports whether OK is disabled because of a problem.
    bool hasProblems() const;

private:
    QWidget *makeResponsesBox();
    void showRoute();
    void showResponse(int row);
    void updateResponseItem(int row);
    void responseEdited();
    void addResponse(const mock::MockResponse &response, int at);
    void moveResponse(int delta);
    void revalidate();
    void readHeader();

    mock::RouteSet m_set;
    qsizetype m_index;
    QString m_baseDir;
    mock::Route m_route;
    int m_current = -1;

    QLineEdit *m_id;
    QLabel *m_idMessage;
    QLineEdit *m_pattern;
    QLabel *m_patternMessage;
    QCheckBox *m_enabled;
    QLineEdit *m_note;
    QComboBox *m_mode;
    QListWidget *m_responses;
    QPushButton *m_removeResponse;
    QPushButton *m_duplicateResponse;
    QPushButton *m_moveUp;
    QPushButton *m_moveDown;
    ResponseEditor *m_responseEditor;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
};

} // namespace ui
