#include "ui/routes/RulesEditor.h"

#include "ui/routes/WidgetTeardown.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

enum RuleColumn
{
    TargetColumn,
    NameColumn,
    OperatorColumn,
    ValueColumn
};

constexpr mock::RuleTarget Targets[] = {mock::RuleTarget::Query,     mock::RuleTarget::Header,
                                        mock::RuleTarget::PathValue, mock::RuleTarget::Cookie,
                                        mock::RuleTarget::JsonBody,  mock::RuleTarget::Body};
constexpr mock::RuleOperator Operators[] = {mock::RuleOperator::Equals, mock::RuleOperator::Regex,
                                            mock::RuleOperator::Present, mock::RuleOperator::Absent};

} // namespace

RulesEditor::RulesEditor(QWidget *parent)
    : QWidget(parent), m_hint(new QLabel), m_logic(new QComboBox), m_table(new QTableWidget(0, 4)),
      m_remove(new QPushButton(tr("Remove rule")))
{
    m_hint->setObjectName(u"rulesHint"_s);
    m_hint->setWordWrap(true);
    m_logic->setObjectName(u"logicCombo"_s);
    m_logic->addItem(tr("All of the rules match"), int(mock::RuleLogic::AllOf));
    m_logic->addItem(tr("Any of the rules matches"), int(mock::RuleLogic::AnyOf));
    m_table->setObjectName(u"rulesTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Target"), tr("Name"), tr("Operator"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(NameColumn, 140);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *add = new QPushButton(tr("Add rule"));
    add->setObjectName(u"addRuleButton"_s);
    m_remove->setObjectName(u"removeRuleButton"_s);
    m_remove->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Choose this response when")));
    top->addWidget(m_logic);
    top->addStretch();
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addLayout(top);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(m_logic, &QComboBox::currentIndexChanged, this, &RulesEditor::notifyEdited);
    connect(m_table, &QTableWidget::itemChanged, this, &RulesEditor::notifyEdited);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_table->selectionModel()->selectedRows().isEmpty()); });
    connect(add, &QPushButton::clicked, this, [this] {
        appendRow(mock::Rule{});
        m_table->setCurrentCell(m_table->rowCount() - 1, NameColumn);
        notifyEdited();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            return;
        m_table->removeRow(rows.first().row());
        notifyEdited();
    });
}

void RulesEditor::setRules(const QList<mock::Rule> &rules, mock::RuleLogic logic)
{
    m_loading = true;
    m_logic->setCurrentIndex(m_logic->findData(int(logic)));
    m_table->setRowCount(0);
    for (const mock::Rule &rule : rules)
        appendRow(rule);
    m_loading = false;
}

void RulesEditor::appendRow(const mock::Rule &rule)
{
    const bool loading = m_loading;
    m_loading = true;
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *target = new QComboBox;
    target->setObjectName(u"ruleTargetCombo"_s);
    for (mock::RuleTarget value : Targets)
        target->addItem(mock::ruleTargetName(value), int(value));
    target->setCurrentIndex(target->findData(int(rule.target)));
    auto *op = new QComboBox;
    op->setObjectName(u"ruleOperatorCombo"_s);
    for (mock::RuleOperator value : Operators)
        op->addItem(mock::ruleOperatorName(value), int(value));
    op->setCurrentIndex(op->findData(int(rule.op)));
    m_table->setCellWidget(row, TargetColumn, target);
    m_table->setItem(row, NameColumn, new QTableWidgetItem(rule.name));
    m_table->setCellWidget(row, OperatorColumn, op);
    m_table->setItem(row, ValueColumn, new QTableWidgetItem(rule.value));
    connect(target, &QComboBox::currentIndexChanged, this, &RulesEditor::notifyEdited);
    connect(op, &QComboBox::currentIndexChanged, this, &RulesEditor::notifyEdited);
    m_loading = loading;
}

QList<mock::Rule> RulesEditor::rules() const
{
    QList<mock::Rule> rules;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        mock::Rule rule;
        rule.target =
            mock::RuleTarget(qobject_cast<QComboBox *>(m_table->cellWidget(row, TargetColumn))->currentData().toInt());
        rule.op = mock::RuleOperator(
            qobject_cast<QComboBox *>(m_table->cellWidget(row, OperatorColumn))->currentData().toInt());
        rule.name = m_table->item(row, NameColumn)->text();
        rule.value = m_table->item(row, ValueColumn)->text();
        rules << rule;
    }
    return rules;
}

mock::RuleLogic RulesEditor::logic() const
{
    return mock::RuleLogic(m_logic->currentData().toInt());
}

void RulesEditor::setHint(const QString &hint)
{
    m_hint->setText(hint);
}

void RulesEditor::notifyEdited()
{
    if (!m_loading)
        Q_EMIT edited();
}

RulesEditor::~RulesEditor()
{
    disconnectChildren(this);
}

} // namespace ui
