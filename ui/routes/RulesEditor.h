#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableWidget;

namespace ui
{

// RulesEditor edits the rules of a response and how they combine: a combo box for all-of or any-of
// ("logicCombo") and a table ("rulesTable") with one row per rule: target and operator as combo boxes (the
// route-set file's names), name and value as text. "addRuleButton" appends a rule, "removeRuleButton" removes
// the selected one.
//
// Lives on the GUI thread.
class RulesEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RulesEditor)

public:
    explicit RulesEditor(QWidget *parent = nullptr);
    ~RulesEditor() override;

    // setRules shows rules and logic without emitting edited.
    void setRules(const QList<mock::Rule> &rules, mock::RuleLogic logic);
    QList<mock::Rule> rules() const;
    mock::RuleLogic logic() const;
    // setHint sets the text above the table (the route's mode and path values).
    void setHint(const QString &hint);

Q_SIGNALS:
    // edited is emitted when the user changes anything.
    void edited();

private:
    void appendRow(const mock::Rule &rule);
    void notifyEdited();

    QLabel *m_hint;
    QComboBox *m_logic;
    QTableWidget *m_table;
    QPushButton *m_remove;
    bool m_loading = false;
};

} // namespace ui
