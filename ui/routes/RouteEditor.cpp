#include "ui/routes/RouteEditor.h"

#include "httpcore/mock/file/RouteSetValidator.h"
#include "ui/routes/ResponseEditor.h"
#include "ui/routes/RouteChecks.h"
#include "ui/routes/WidgetTeardown.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

const QString ErrorStyle = u"color: #b00020;"_s;
const QString HintStyle = u"color: #5f6368;"_s;

mock::MockResponse newResponse()
{
    mock::MockResponse response;
    response.contentType = u"application/json"_s;
    response.body = u"{\"ok\": true}\n"_s;
    return response;
}

QString responseText(int row, const mock::MockResponse &response)
{
    QString text = u"%1. %2"_s.arg(row + 1).arg(response.status);
    if (!response.label.isEmpty())
        text += u" \u00B7 "_s + response.label;
    if (response.isDefault)
        text += QObject::tr(" (default)");
    if (response.fault)
        text += QObject::tr(" \u26A1 %1").arg(mock::faultKindName(response.fault->kind));
    return text;
}

void showMessage(QLabel *label, const std::optional<QString> &problem, const QString &hint)
{
    label->setStyleSheet(problem ? ErrorStyle : HintStyle);
    label->setText(problem.value_or(hint));
    label->setVisible(!label->text().isEmpty());
}

} // namespace

RouteEditor::RouteEditor(const mock::RouteSet &set, qsizetype index, const QString &baseDir, QWidget *parent)
    : QDialog(parent), m_set(set), m_index(index), m_baseDir(baseDir), m_id(new QLineEdit), m_idMessage(new QLabel),
      m_pattern(new QLineEdit), m_patternMessage(new QLabel), m_enabled(new QCheckBox(tr("Enabled (served)"))),
      m_note(new QLineEdit), m_mode(new QComboBox), m_responses(new QListWidget),
      m_removeResponse(new QPushButton(tr("Remove"))), m_duplicateResponse(new QPushButton(tr("Duplicate"))),
      m_moveUp(new QPushButton(u"\u25B2"_s)), m_moveDown(new QPushButton(u"\u25BC"_s)),
      m_responseEditor(new ResponseEditor), m_problems(new QLabel),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel))
{
    setObjectName(u"routeEditor"_s);
    if (index >= 0 && index < set.routes.size()) {
        m_route = set.routes[index];
        setWindowTitle(tr("Edit route %1").arg(m_route.id));
    } else {
        m_index = -1;
        m_route.id = RouteChecks::uniqueRouteId(set, u"route"_s);
        m_route.responses << newResponse();
        setWindowTitle(tr("New route"));
    }

    m_id->setObjectName(u"idEdit"_s);
    m_idMessage->setObjectName(u"idMessage"_s);
    m_pattern->setObjectName(u"patternEdit"_s);
    m_pattern->setPlaceholderText(tr("[METHOD ][HOST]/[PATH], e.g. GET /api/users/{id}"));
    m_pattern->setFont(QFont(u"monospace"_s));
    m_patternMessage->setObjectName(u"patternMessage"_s);
    for (QLabel *label : {m_idMessage, m_patternMessage, m_problems}) {
        label->setWordWrap(true);
        // Take the field's whole width (ExpandingFieldsGrow) rather than wrap at the label's size hint.
        label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_enabled->setObjectName(u"enabledCheck"_s);
    m_note->setObjectName(u"noteEdit"_s);
    m_note->setPlaceholderText(tr("free text for people"));
    m_mode->setObjectName(u"modeCombo"_s);
    m_mode->addItem(tr("Rules: the first response whose rules match, else the default"), int(mock::RouteMode::Rules));
    m_mode->addItem(tr("Sequence: each request takes the next response"), int(mock::RouteMode::Sequence));
    m_mode->addItem(tr("Random: a response chosen at random"), int(mock::RouteMode::Random));
    m_problems->setObjectName(u"problemsLabel"_s);
    m_problems->setStyleSheet(ErrorStyle);
    m_buttons->setObjectName(u"routeEditorButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"saveRouteButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelRouteButton"_s);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("Pattern:"), m_pattern);
    form->addRow(QString(), m_patternMessage);
    form->addRow(tr("Id:"), m_id);
    form->addRow(QString(), m_idMessage);
    form->addRow(QString(), m_enabled);
    form->addRow(tr("Note:"), m_note);
    form->addRow(tr("Mode:"), m_mode);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(makeResponsesBox(), 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_buttons);
    resize(920, 720);

    connect(m_responses, &QListWidget::currentRowChanged, this, &RouteEditor::showResponse);
    showRoute();
    connect(m_id, &QLineEdit::textChanged, this, &RouteEditor::revalidate);
    connect(m_pattern, &QLineEdit::textChanged, this, &RouteEditor::revalidate);
    connect(m_enabled, &QCheckBox::toggled, this, &RouteEditor::revalidate);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &RouteEditor::revalidate);
    connect(m_responseEditor, &ResponseEditor::edited, this, &RouteEditor::responseEdited);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    revalidate();
}

QWidget *RouteEditor::makeResponsesBox()
{
    m_responses->setObjectName(u"responsesList"_s);
    m_responses->setMinimumWidth(200);
    auto *add = new QPushButton(tr("Add"));
    add->setObjectName(u"addResponseButton"_s);
    m_duplicateResponse->setObjectName(u"duplicateResponseButton"_s);
    m_removeResponse->setObjectName(u"removeResponseButton"_s);
    m_moveUp->setObjectName(u"moveResponseUpButton"_s);
    m_moveUp->setToolTip(tr("Move up: in mode rules, earlier responses are tried first"));
    m_moveDown->setObjectName(u"moveResponseDownButton"_s);
    m_moveDown->setToolTip(tr("Move down"));
    for (QPushButton *arrow : {m_moveUp, m_moveDown})
        arrow->setMaximumWidth(arrow->fontMetrics().height() * 2 + 8);
    m_responseEditor->setObjectName(u"responseEditor"_s);
    connect(add, &QPushButton::clicked, this, [this] { addResponse(newResponse(), int(m_route.responses.size())); });
    connect(m_duplicateResponse, &QPushButton::clicked, this, [this] {
        mock::MockResponse copy = m_route.responses.value(m_current);
        copy.isDefault = false; // at most one default per route
        addResponse(copy, m_current + 1);
    });
    connect(m_removeResponse, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        const int row = m_current;
        m_route.responses.removeAt(row);
        m_current = -1;
        delete m_responses->takeItem(row);
        for (int i = row; i < m_responses->count(); ++i)
            updateResponseItem(i);
        // Show the response that took its place (or the last), whether or not the view moved its current row.
        const int next = std::min(row, m_responses->count() - 1);
        m_responses->setCurrentRow(next);
        showResponse(next);
        revalidate();
    });
    connect(m_moveUp, &QPushButton::clicked, this, [this] { moveResponse(-1); });
    connect(m_moveDown, &QPushButton::clicked, this, [this] { moveResponse(+1); });

    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(4);
    for (QPushButton *button : {add, m_duplicateResponse, m_removeResponse, m_moveUp, m_moveDown})
        buttons->addWidget(button);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(m_responses);
    leftLayout->addLayout(buttons);

    left->setMaximumWidth(290);
    auto *box = new QGroupBox(tr("Responses"));
    auto *boxLayout = new QHBoxLayout(box);
    boxLayout->addWidget(left);
    boxLayout->addWidget(m_responseEditor, 1);
    return box;
}

void RouteEditor::showRoute()
{
    m_id->setText(m_route.id);
    m_pattern->setText(m_route.pattern);
    m_enabled->setChecked(m_route.enabled);
    m_note->setText(m_route.note);
    m_mode->setCurrentIndex(m_mode->findData(int(m_route.mode)));
    m_responses->clear();
    for (int row = 0; row < m_route.responses.size(); ++row) {
        m_responses->addItem(QString());
        updateResponseItem(row);
    }
    m_responses->setCurrentRow(m_route.responses.isEmpty() ? -1 : 0);
}

void RouteEditor::showResponse(int row)
{
    m_current = row;
    const bool valid = row >= 0 && row < m_route.responses.size();
    m_responseEditor->setEnabled(valid);
    m_responseEditor->setResponse(valid ? m_route.responses[row] : mock::MockResponse{});
    m_removeResponse->setEnabled(valid);
    m_duplicateResponse->setEnabled(valid);
    m_moveUp->setEnabled(valid && row > 0);
    m_moveDown->setEnabled(valid && row + 1 < m_route.responses.size());
}

void RouteEditor::updateResponseItem(int row)
{
    if (QListWidgetItem *item = m_responses->item(row))
        item->setText(responseText(row, m_route.responses[row]));
}

void RouteEditor::responseEdited()
{
    if (m_current < 0 || m_current >= m_route.responses.size())
        return;
    m_route.responses[m_current] = m_responseEditor->response();
    updateResponseItem(m_current);
    revalidate();
}

void RouteEditor::addResponse(const mock::MockResponse &response, int at)
{
    m_route.responses.insert(at, response);
    m_responses->insertItem(at, QString());
    for (int row = at; row < m_responses->count(); ++row)
        updateResponseItem(row);
    m_responses->setCurrentRow(at);
    revalidate();
}

void RouteEditor::moveResponse(int delta)
{
    const int from = m_current;
    const int to = from + delta;
    if (from < 0 || to < 0 || to >= m_route.responses.size())
        return;
    m_route.responses.move(from, to);
    updateResponseItem(from);
    updateResponseItem(to);
    m_responses->setCurrentRow(to);
    revalidate();
}

void RouteEditor::readHeader()
{
    m_route.id = m_id->text().trimmed();
    m_route.pattern = m_pattern->text();
    m_route.enabled = m_enabled->isChecked();
    m_route.note = m_note->text();
    m_route.mode = mock::RouteMode(m_mode->currentData().toInt());
}

mock::Route RouteEditor::route() const
{
    mock::Route route = m_route;
    route.id = m_id->text().trimmed();
    route.pattern = m_pattern->text();
    route.enabled = m_enabled->isChecked();
    route.note = m_note->text();
    route.mode = mock::RouteMode(m_mode->currentData().toInt());
    return route;
}

bool RouteEditor::hasProblems() const
{
    return !m_buttons->button(QDialogButtonBox::Ok)->isEnabled();
}

void RouteEditor::revalidate()
{
    readHeader();
    const std::optional<QString> idProblem = RouteChecks::idProblem(m_set, m_index, m_route.id);
    const std::optional<QString> patternProblem =
        RouteChecks::patternProblem(m_set, m_index, m_route.pattern, m_route.enabled);
    showMessage(m_idMessage, idProblem, QString());
    const QString summary = RouteChecks::patternSummary(m_route.pattern);
    showMessage(m_patternMessage, patternProblem, summary);

    // Everything else the loader would refuse about this route, with paths relative to it.
    mock::RouteSet candidate = m_set;
    const qsizetype at = m_index >= 0 ? m_index : candidate.routes.size();
    if (m_index >= 0)
        candidate.routes[at] = m_route;
    else
        candidate.routes.append(m_route);
    const QString prefix = u"$.routes[%1]"_s.arg(at);
    QStringList problems;
    if (m_route.responses.isEmpty())
        problems << tr("A route needs at least one response: add one");
    for (const mock::FileProblem &problem : mock::RouteSetValidator::validate(candidate, m_baseDir)) {
        const QString path = problem.jsonPath;
        if (!path.startsWith(prefix + u'.') || path == prefix + u".pattern"_s || path == prefix + u".id"_s ||
            path == prefix + u".responses"_s)
            continue;
        QString where = path.mid(prefix.size() + 1);
        static const QRegularExpression ResponseIndex(u"^responses\\[(\\d+)\\]\\.?"_s);
        const QRegularExpressionMatch match = ResponseIndex.match(where);
        QString rest = where;
        QString response;
        if (match.hasMatch()) {
            response = tr("response %1: ").arg(match.captured(1).toInt() + 1);
            rest = where.mid(match.capturedLength());
        }
        problems << response + (rest.isEmpty() ? QString() : rest + u": "_s) + problem.message;
    }
    m_problems->setText(problems.join(u'\n'));
    m_problems->setVisible(!problems.isEmpty());

    m_responseEditor->setRulesHint(m_route.mode == mock::RouteMode::Rules
                                       ? tr("Mode \u201Crules\u201D: the first response whose rules match answers.")
                                       : tr("The route's mode is not \u201Crules\u201D: rules are kept but not used."));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!idProblem && !patternProblem && problems.isEmpty());
}

RouteEditor::~RouteEditor()
{
    disconnectChildren(this);
}

} // namespace ui
