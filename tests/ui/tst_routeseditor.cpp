#include "httpcore/mock/file/RouteSetFile.h"
#include "ui/routes/JsonBodyText.h"
#include "ui/routes/RouteEditor.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

// Tests of the route editor (RouteEditor, with its ResponseEditor, RulesEditor and FaultEditor) and of the JSON
// body checks it uses.
class tst_RoutesEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void editingNothingGivesBackEveryExampleRoute();
    void jsonBodyIsCheckedWhileTypingAndPrettyPrinted();
    void templatedJsonBodyIsChecked();
    void bodyOfOtherContentTypesIsNotChecked();
    void ruleProblemsDisableOk();
    void faultIsEditedWithTheParametersOfItsKind();
    void responsesCanBeAddedAndOnlyOneIsDefault();
    void headersAreEdited();
    void prettyPrinted_data();
    void prettyPrinted();
    void problem_data();
    void problem();

private:
    std::unique_ptr<ui::RouteEditor> open(qsizetype index);
    template <typename T>
    T *find(const QString &name) const
    {
        T *widget = m_editor->findChild<T *>(name);
        if (!widget)
            qFatal("no widget %s", qPrintable(name));
        return widget;
    }
    bool okEnabled() const { return find<QPushButton>(u"saveRouteButton"_s)->isEnabled(); }
    void showTab(const QString &title);
    void typeInCell(QTableWidget *table, int row, int column, const QString &text);
    static QLineEdit *cellEditor(QTableWidget *table);
    void replaceBody(const QString &text);

    mock::RouteSet m_set;
    ui::RouteEditor *m_editor = nullptr;
};

void tst_RoutesEditor::init()
{
    const auto loaded =
        mock::RouteSetFile::load(QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples/shop.switchboard.json"));
    QVERIFY(loaded.hasValue());
    m_set = loaded.value();
}

std::unique_ptr<ui::RouteEditor> tst_RoutesEditor::open(qsizetype index)
{
    auto editor =
        std::make_unique<ui::RouteEditor>(m_set, index, QStringLiteral(SWITCHBOARD_SOURCE_DIR "/resources/examples"));
    m_editor = editor.get();
    editor->show();
    if (!QTest::qWaitForWindowExposed(editor.get()))
        qFatal("editor not exposed");
    return editor;
}

void tst_RoutesEditor::showTab(const QString &title)
{
    auto *tabs = find<QTabWidget>(u"responseTabs"_s);
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == title) {
            QTest::mouseClick(tabs->tabBar(), Qt::LeftButton, {}, tabs->tabBar()->tabRect(i).center());
            QCOMPARE(tabs->currentIndex(), i);
            return;
        }
    }
    QFAIL(qPrintable(u"no tab "_s + title));
}

void tst_RoutesEditor::typeInCell(QTableWidget *table, int row, int column, const QString &text)
{
    const QRect rect = table->visualItemRect(table->item(row, column));
    // A real double click: press and release, then the double-click event (which QTest sends alone).
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, rect.center());
    QLineEdit *editor = cellEditor(table);
    QVERIFY(editor);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
    // The delegate commits through a queued call.
    QTRY_COMPARE(table->item(row, column)->text(), text);
}

QLineEdit *tst_RoutesEditor::cellEditor(QTableWidget *table)
{
    // The item delegate's editor is a line edit in the viewport; closed ones are hidden until deleted.
    for (QLineEdit *edit : table->viewport()->findChildren<QLineEdit *>()) {
        if (edit->isVisible())
            return edit;
    }
    return nullptr;
}

void tst_RoutesEditor::replaceBody(const QString &text)
{
    auto *body = find<QPlainTextEdit>(u"bodyEdit"_s);
    body->setFocus();
    QTest::keyClick(body, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(body, Qt::Key_Delete);
    QTest::keyClicks(body, text);
}

void tst_RoutesEditor::editingNothingGivesBackEveryExampleRoute()
{
    // Every widget shows what it is given and gives it back: faults, rules, headers, delays, body files.
    for (qsizetype i = 0; i < m_set.routes.size(); ++i) {
        const auto editor = open(i);
        QCOMPARE(editor->route(), m_set.routes[i]);
        QVERIFY2(okEnabled(), qPrintable(m_set.routes[i].id));
        // Visiting every response changes nothing either.
        auto *list = find<QListWidget>(u"responsesList"_s);
        for (int row = list->count() - 1; row >= 0; --row)
            list->setCurrentRow(row);
        QCOMPARE(editor->route(), m_set.routes[i]);
    }
}

void tst_RoutesEditor::jsonBodyIsCheckedWhileTypingAndPrettyPrinted()
{
    const auto editor = open(-1);
    auto *message = find<QLabel>(u"bodyMessage"_s);
    auto *pretty = find<QPushButton>(u"prettyPrintButton"_s);
    QCOMPARE(find<QComboBox>(u"contentTypeCombo"_s)->currentText(), u"application/json"_s);
    QCOMPARE(message->text(), u"Valid JSON"_s);

    replaceBody(u"{\"b\": 1, \"a\": [1, {\"x\":"_s);
    QVERIFY2(message->text().startsWith(u"Not valid JSON: line 1, column "_s), qPrintable(message->text()));
    QVERIFY(!pretty->isEnabled());
    QTest::keyClicks(find<QPlainTextEdit>(u"bodyEdit"_s), u"null}], \"e\": {}}"_s);
    QCOMPARE(message->text(), u"Valid JSON"_s);
    QVERIFY(pretty->isEnabled());

    QTest::mouseClick(pretty, Qt::LeftButton);
    const QString expected =
        u"{\n  \"b\": 1,\n  \"a\": [\n    1,\n    {\n      \"x\": null\n    }\n  ],\n  \"e\": {}\n}"_s;
    QCOMPARE(find<QPlainTextEdit>(u"bodyEdit"_s)->toPlainText(), expected);
    QCOMPARE(editor->route().responses[0].body, expected);
    // The body editor's own undo takes the pretty-printing back.
    QTest::keyClick(find<QPlainTextEdit>(u"bodyEdit"_s), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(find<QPlainTextEdit>(u"bodyEdit"_s)->toPlainText(), u"{\"b\": 1, \"a\": [1, {\"x\":null}], \"e\": {}}"_s);
}

void tst_RoutesEditor::templatedJsonBodyIsChecked()
{
    const auto editor = open(-1);
    auto *message = find<QLabel>(u"bodyMessage"_s);
    replaceBody(u"{\"id\": {{pathValues.id}}, \"q\": \"{{#jsonEscape}}{{request.query.q}}{{/jsonEscape}}\"}"_s);
    QCOMPARE(message->text(), u"Valid JSON"_s);
    QTest::mouseClick(find<QPushButton>(u"prettyPrintButton"_s), Qt::LeftButton);
    QCOMPARE(find<QPlainTextEdit>(u"bodyEdit"_s)->toPlainText(),
             u"{\n  \"id\": {{pathValues.id}},\n  \"q\": \"{{#jsonEscape}}{{request.query.q}}{{/jsonEscape}}\"\n}"_s);
    // Without templating, the tag is not JSON.
    QTest::mouseClick(find<QCheckBox>(u"templatedCheck"_s), Qt::LeftButton);
    QVERIFY(!editor->route().responses[0].templated);
    QVERIFY2(message->text().startsWith(u"Not valid JSON: line 2"_s), qPrintable(message->text()));
}

void tst_RoutesEditor::bodyOfOtherContentTypesIsNotChecked()
{
    const auto editor = open(-1);
    auto *contentType = find<QComboBox>(u"contentTypeCombo"_s);
    contentType->lineEdit()->setFocus();
    QTest::keyClick(contentType->lineEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(contentType->lineEdit(), u"text/plain"_s);
    replaceBody(u"{not json"_s);
    QCOMPARE(find<QLabel>(u"bodyMessage"_s)->text(), QString());
    QVERIFY(!find<QPushButton>(u"prettyPrintButton"_s)->isEnabled());
    // The combo box completes what is typed from its list.
    QCOMPARE(editor->route().responses[0].contentType, u"text/plain; charset=utf-8"_s);
    QCOMPARE(editor->route().responses[0].body, u"{not json"_s);
    // application/problem+json is JSON.
    QTest::keyClick(contentType->lineEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(contentType->lineEdit(), u"application/problem+json"_s);
    QVERIFY(find<QLabel>(u"bodyMessage"_s)->text().startsWith(u"Not valid JSON"_s));
}

void tst_RoutesEditor::ruleProblemsDisableOk()
{
    const auto editor = open(-1);
    QTest::keyClicks(find<QLineEdit>(u"patternEdit"_s), u"GET /api/things/{id}"_s);
    QVERIFY(okEnabled());
    showTab(u"Rules"_s);
    QTest::mouseClick(find<QPushButton>(u"addRuleButton"_s), Qt::LeftButton);
    auto *table = find<QTableWidget>(u"rulesTable"_s);
    QCOMPARE(table->rowCount(), 1);
    // A query rule needs a name.
    auto *problems = find<QLabel>(u"problemsLabel"_s);
    QVERIFY(problems->isVisible());
    QVERIFY2(problems->text().startsWith(u"response 1: rules[0]: a \"query\" rule needs a non-empty \"name\""_s),
             qPrintable(problems->text()));
    QVERIFY(!okEnabled());

    typeInCell(table, 0, 1, u"id"_s);
    auto *op = qobject_cast<QComboBox *>(table->cellWidget(0, 2));
    QTest::keyClicks(op, u"regex"_s);
    QCOMPARE(op->currentText(), u"regex"_s);
    typeInCell(table, 0, 3, u"([a-z"_s);
    QVERIFY2(problems->text().contains(u"invalid regular expression"_s), qPrintable(problems->text()));
    QVERIFY(!okEnabled());
    typeInCell(table, 0, 3, u"^[a-z]+$"_s);
    QVERIFY(!problems->isVisible());
    QVERIFY(okEnabled());
    auto *target = qobject_cast<QComboBox *>(table->cellWidget(0, 0));
    QTest::keyClicks(target, u"pathValue"_s);

    const mock::Rule rule = editor->route().responses[0].rules.value(0);
    QCOMPARE(rule.target, mock::RuleTarget::PathValue);
    QCOMPARE(rule.name, u"id"_s);
    QCOMPARE(rule.op, mock::RuleOperator::Regex);
    QCOMPARE(rule.value, u"^[a-z]+$"_s);

    QTest::keyClicks(find<QComboBox>(u"logicCombo"_s), u"Any"_s);
    QCOMPARE(editor->route().responses[0].logic, mock::RuleLogic::AnyOf);
    table->selectRow(0);
    QTest::mouseClick(find<QPushButton>(u"removeRuleButton"_s), Qt::LeftButton);
    QCOMPARE(editor->route().responses[0].rules.size(), 0);
}

void tst_RoutesEditor::faultIsEditedWithTheParametersOfItsKind()
{
    const auto editor = open(-1);
    QTest::keyClicks(find<QLineEdit>(u"patternEdit"_s), u"GET /slow"_s);
    showTab(u"Fault"_s);
    auto *group = find<QGroupBox>(u"faultGroup"_s);
    QVERIFY(!group->isChecked());
    group->setFocus();
    QTest::keyClick(group, Qt::Key_Space);
    QVERIFY(group->isChecked());
    QCOMPARE(editor->route().responses[0].fault->kind, mock::FaultKind::EmptyResponse);

    QTest::keyClicks(find<QComboBox>(u"faultKindCombo"_s), u"slowD"_s);
    QCOMPARE(find<QComboBox>(u"faultKindCombo"_s)->currentText(), u"slowDrip"_s);
    QVERIFY(find<QSpinBox>(u"faultBytesPerSecondSpin"_s)->isVisible());
    QVERIFY(find<QSpinBox>(u"faultJitterSpin"_s)->isVisible());
    QVERIFY(!find<QSpinBox>(u"faultAtByteSpin"_s)->isVisible());
    QVERIFY(!find<QSpinBox>(u"faultAfterRequestsSpin"_s)->isVisible());
    auto *rate = find<QSpinBox>(u"faultBytesPerSecondSpin"_s);
    QTest::keyClick(rate, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(rate, u"64"_s);
    QTest::keyClicks(find<QLineEdit>(u"faultSeedEdit"_s), u"7x7"_s); // the x is refused
    QVERIFY(okEnabled());

    const mock::Fault fault = *editor->route().responses[0].fault;
    QCOMPARE(fault.kind, mock::FaultKind::SlowDrip);
    QCOMPARE(fault.bytesPerSecond, 64);
    QCOMPARE(fault.seed, std::optional<quint64>(77));
    QCOMPARE(fault.atByte, 0);
    QVERIFY(find<QListWidget>(u"responsesList"_s)->item(0)->text().contains(u"slowDrip"_s));

    // Switching kind leaves the other kinds' parameters at their defaults (the format refuses them).
    QTest::keyClick(find<QComboBox>(u"faultKindCombo"_s), Qt::Key_End);
    QCOMPARE(find<QComboBox>(u"faultKindCombo"_s)->currentText(), u"closeAfterRequests"_s);
    QCOMPARE(editor->route().responses[0].fault->bytesPerSecond, mock::Fault{}.bytesPerSecond);
    QVERIFY(okEnabled());
}

void tst_RoutesEditor::responsesCanBeAddedAndOnlyOneIsDefault()
{
    const auto editor = open(-1);
    QTest::keyClicks(find<QLineEdit>(u"patternEdit"_s), u"GET /two"_s);
    auto *list = find<QListWidget>(u"responsesList"_s);
    QTest::mouseClick(find<QCheckBox>(u"defaultCheck"_s), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>(u"addResponseButton"_s), Qt::LeftButton);
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentRow(), 1);
    QVERIFY(okEnabled());
    QTest::mouseClick(find<QCheckBox>(u"defaultCheck"_s), Qt::LeftButton);
    QVERIFY(editor->route().responses[0].isDefault);
    QVERIFY(editor->route().responses[1].isDefault);
    QVERIFY2(!okEnabled(), qPrintable(find<QLabel>(u"problemsLabel"_s)->text()));
    QVERIFY2(find<QLabel>(u"problemsLabel"_s)->text().contains(u"more than one default"_s),
             qPrintable(find<QLabel>(u"problemsLabel"_s)->text()));
    QVERIFY(list->item(1)->text().endsWith(u"(default)"_s));

    auto *status = find<QSpinBox>(u"statusSpin"_s);
    QTest::keyClick(status, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(status, u"404"_s);
    QVERIFY(list->item(1)->text().startsWith(u"2. 404"_s));
    QTest::mouseClick(find<QPushButton>(u"moveResponseUpButton"_s), Qt::LeftButton);
    QCOMPARE(editor->route().responses[0].status, 404);
    QCOMPARE(list->currentRow(), 0);
    QTest::mouseClick(find<QPushButton>(u"removeResponseButton"_s), Qt::LeftButton);
    QCOMPARE(list->count(), 1);
    QCOMPARE(editor->route().responses.size(), 1);
    QCOMPARE(editor->route().responses[0].status, 200);
    QVERIFY(okEnabled());
    QTest::mouseClick(find<QPushButton>(u"removeResponseButton"_s), Qt::LeftButton);
    QVERIFY(!okEnabled());
}

void tst_RoutesEditor::headersAreEdited()
{
    const auto editor = open(-1);
    QTest::keyClicks(find<QLineEdit>(u"patternEdit"_s), u"GET /traced"_s);
    showTab(u"Headers"_s);
    QTest::mouseClick(find<QPushButton>(u"addHeaderButton"_s), Qt::LeftButton);
    auto *table = find<QTableWidget>(u"headersTable"_s);
    QCOMPARE(table->rowCount(), 1);
    // Adding a header opens its name for editing.
    QLineEdit *nameEditor = cellEditor(table);
    QVERIFY(nameEditor);
    QTest::keyClick(nameEditor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(nameEditor, u"Bad Name"_s);
    QTest::keyClick(nameEditor, Qt::Key_Return);
    QTRY_COMPARE(table->item(0, 0)->text(), u"Bad Name"_s);
    QVERIFY(!okEnabled());
    typeInCell(table, 0, 0, u"X-Trace"_s);
    typeInCell(table, 0, 1, u"abc"_s);
    QVERIFY(okEnabled());
    const QList<std::pair<QString, QString>> expected{{u"X-Trace"_s, u"abc"_s}};
    QCOMPARE(editor->route().responses[0].headers, expected);
}

void tst_RoutesEditor::prettyPrinted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("templated");
    QTest::addColumn<QString>("expected");
    QTest::addRow("scalar") << u" 42 "_s << false << u"42"_s;
    QTest::addRow("empty containers stay compact")
        << u"{\"a\": [ ], \"b\": { }}"_s << false << u"{\n  \"a\": [],\n  \"b\": {}\n}"_s;
    QTest::addRow("strings kept with escapes and structure characters")
        << u"[\"a,b\", \"c\\\"{\", \"d: e\"]"_s << false << u"[\n  \"a,b\",\n  \"c\\\"{\",\n  \"d: e\"\n]"_s;
    QTest::addRow("member order and number text kept")
        << u"{\"z\":1.50,\"a\":-2e3}"_s << false << u"{\n  \"z\": 1.50,\n  \"a\": -2e3\n}"_s;
    QTest::addRow("final newline kept") << u"[1]\n"_s << false << u"[\n  1\n]\n"_s;
    QTest::addRow("triple-brace tag") << u"{\"n\":{{{count}}}}"_s << true << u"{\n  \"n\": {{{count}}}\n}"_s;
    QTest::addRow("invalid") << u"{\"a\" 1}"_s << false << QString();
    QTest::addRow("tag without templating") << u"[{{x}}]"_s << false << QString();
}

void tst_RoutesEditor::prettyPrinted()
{
    QFETCH(QString, text);
    QFETCH(bool, templated);
    QFETCH(QString, expected);
    QCOMPARE(ui::JsonBodyText::prettyPrinted(text, templated).value_or(QString()), expected);
}

void tst_RoutesEditor::problem_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::addRow("valid") << u"{\"a\": [true, null]}"_s << QString();
    QTest::addRow("position on the second line") << u"{\n  \"a\" 1\n}"_s << u"line 2, column"_s;
    QTest::addRow("unterminated") << u"[1, 2"_s << u"line 1, column"_s;
    QTest::addRow("section tags dropped") << u"[{{#items}}{{name}}{{/items}}]"_s << QString();
    QTest::addRow("tags inside strings untouched") << u"\"{{\""_s << QString();
}

void tst_RoutesEditor::problem()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const std::optional<QString> problem = ui::JsonBodyText::problem(text, true);
    if (expected.isEmpty())
        QCOMPARE(problem, std::nullopt);
    else
        QVERIFY2(problem && problem->startsWith(expected), qPrintable(problem.value_or(u"(none)"_s)));
}

QTEST_MAIN(tst_RoutesEditor)
#include "tst_routeseditor.moc"
