#include "ui/routes/MiddlewarePanel.h"

#include "httpcore/mock/runtime/MiddlewareCatalog.h"
#include "ui/routes/JsonBodyText.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/WidgetTeardown.h"

#include <QAbstractItemModel>
#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

constexpr int NameRole = Qt::UserRole;

QString settingsText(const QJsonObject &settings)
{
    if (settings.isEmpty())
        return u"{}"_s;
    // Indented by two spaces like the route-set file (QJsonDocument indents by four).
    const QString compact = QString::fromUtf8(QJsonDocument(settings).toJson(QJsonDocument::Compact));
    return JsonBodyText::prettyPrinted(compact, false).value_or(compact);
}

} // namespace

MiddlewarePanel::MiddlewarePanel(RouteSetDocument *document, QWidget *parent)
    : QWidget(parent), m_document(document), m_list(new QListWidget), m_addCombo(new QComboBox),
      m_add(new QPushButton(tr("Add"))), m_remove(new QPushButton(tr("Remove"))), m_up(new QPushButton(tr("Up"))),
      m_down(new QPushButton(tr("Down"))), m_settings(new QPlainTextEdit), m_settingsMessage(new QLabel),
      m_apply(new QPushButton(tr("Apply settings"))), m_settingsTitle(new QLabel)
{
    setObjectName(u"middlewarePanel"_s);
    m_list->setObjectName(u"middlewareList"_s);
    m_list->setDragDropMode(QAbstractItemView::InternalMove);
    m_list->setDefaultDropAction(Qt::MoveAction);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_addCombo->setObjectName(u"addMiddlewareCombo"_s);
    m_add->setObjectName(u"addMiddlewareButton"_s);
    m_remove->setObjectName(u"removeMiddlewareButton"_s);
    m_up->setObjectName(u"moveMiddlewareUpButton"_s);
    m_down->setObjectName(u"moveMiddlewareDownButton"_s);
    m_settings->setObjectName(u"middlewareSettingsEdit"_s);
    m_settings->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_settings->setTabChangesFocus(true);
    m_settingsMessage->setObjectName(u"middlewareSettingsMessage"_s);
    m_settingsMessage->setWordWrap(true);
    m_settingsMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_apply->setObjectName(u"applyMiddlewareSettingsButton"_s);

    auto *hint = new QLabel(tr("Outermost first. Drag to reorder; uncheck to turn off."));
    hint->setWordWrap(true);
    auto *order = new QHBoxLayout;
    order->addWidget(m_up);
    order->addWidget(m_down);
    order->addWidget(m_remove);
    order->addStretch();
    auto *adding = new QHBoxLayout;
    adding->addWidget(m_addCombo, 1);
    adding->addWidget(m_add);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(hint);
    leftLayout->addWidget(m_list, 1);
    leftLayout->addLayout(order);
    leftLayout->addLayout(adding);

    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_settingsMessage, 1);
    applyRow->addWidget(m_apply, 0, Qt::AlignTop);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_settingsTitle);
    rightLayout->addWidget(m_settings, 1);
    rightLayout->addLayout(applyRow);

    auto *splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(document, &RouteSetDocument::changed, this, &MiddlewarePanel::refresh);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showSettings();
        updateButtons();
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_refreshing)
            applyListOrder();
    });
    // A drop moves the row inside the view's own drop handling: read the new order once it has finished.
    connect(m_list->model(), &QAbstractItemModel::rowsMoved, this, [this] {
        if (!m_refreshing)
            QTimer::singleShot(0, this, &MiddlewarePanel::applyListOrder);
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        QList<mock::MiddlewareSetting> chain = m_document->set().server.middleware;
        const QString name = m_addCombo->currentText();
        if (name.isEmpty())
            return;
        chain.append(mock::MiddlewareSetting{name, true, {}});
        m_document->setMiddleware(chain);
        m_list->setCurrentRow(int(chain.size()) - 1);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const int row = currentRow();
        if (row < 0)
            return;
        QList<mock::MiddlewareSetting> chain = m_document->set().server.middleware;
        chain.removeAt(row);
        m_document->setMiddleware(chain);
        m_list->setCurrentRow(std::min(row, int(chain.size()) - 1));
    });
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrent(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrent(+1); });
    connect(m_settings, &QPlainTextEdit::textChanged, this, &MiddlewarePanel::checkSettings);
    connect(m_apply, &QPushButton::clicked, this, &MiddlewarePanel::applySettings);
    refresh();
}

int MiddlewarePanel::currentRow() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_document->set().server.middleware.size() ? row : -1;
}

void MiddlewarePanel::refresh()
{
    m_refreshing = true;
    const QString selected = m_list->currentItem() ? m_list->currentItem()->data(NameRole).toString() : QString();
    const QList<mock::MiddlewareSetting> &chain = m_document->set().server.middleware;
    m_list->clear();
    QStringList used;
    int selectRow = chain.isEmpty() ? -1 : 0;
    for (const mock::MiddlewareSetting &setting : chain) {
        auto *item = new QListWidgetItem(setting.name);
        item->setData(NameRole, setting.name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled);
        item->setCheckState(setting.enabled ? Qt::Checked : Qt::Unchecked);
        if (!setting.settings.isEmpty())
            item->setToolTip(settingsText(setting.settings));
        m_list->addItem(item);
        if (setting.name == selected)
            selectRow = m_list->count() - 1;
        used << setting.name;
    }
    m_addCombo->clear();
    for (const QString &name : mock::middlewareNames()) {
        if (!used.contains(name))
            m_addCombo->addItem(name);
    }
    m_list->setCurrentRow(selectRow);
    m_refreshing = false;
    showSettings();
    updateButtons();
}

void MiddlewarePanel::showSettings()
{
    if (m_refreshing)
        return;
    const int row = currentRow();
    const bool valid = row >= 0;
    m_settings->setEnabled(valid);
    m_settingsTitle->setText(valid ? tr("Settings of %1 (a JSON object):").arg(m_list->item(row)->text())
                                   : tr("Select a middleware to see its settings."));
    const QString name = valid ? m_document->set().server.middleware[row].name : QString();
    const QJsonObject settings = valid ? m_document->set().server.middleware[row].settings : QJsonObject();
    if (name != m_shownName || settings != m_shownSettings || !valid) {
        m_shownName = name;
        m_shownSettings = settings;
        const QString text = valid ? settingsText(settings) : QString();
        if (m_settings->toPlainText() != text)
            m_settings->setPlainText(text);
    }
    checkSettings();
}

std::optional<QJsonObject> MiddlewarePanel::settingsFromText(QString *error) const
{
    const QString text = m_settings->toPlainText().trimmed();
    if (text.isEmpty())
        return QJsonObject();
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("Not valid JSON: %1 (at offset %2)").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    if (!json.isObject()) {
        *error = tr("The settings must be a JSON object: {\"key\": value, ...}");
        return std::nullopt;
    }
    return json.object();
}

void MiddlewarePanel::checkSettings()
{
    const int row = currentRow();
    QString error;
    std::optional<QJsonObject> settings;
    if (row >= 0)
        settings = settingsFromText(&error);
    if (row >= 0 && settings) {
        mock::MiddlewareSetting candidate = m_document->set().server.middleware[row];
        candidate.settings = *settings;
        QStringList problems;
        for (const mock::MiddlewareSettingProblem &problem : mock::checkMiddlewareSetting(candidate))
            problems << (problem.key.isEmpty() ? problem.message : problem.key + u": "_s + problem.message);
        error = problems.join(u'\n');
    }
    const bool changed = row >= 0 && settings && *settings != m_document->set().server.middleware[row].settings;
    m_apply->setEnabled(error.isEmpty() && changed);
    if (!error.isEmpty()) {
        m_settingsMessage->setStyleSheet(u"color: #b00020;"_s);
        m_settingsMessage->setText(error);
    } else {
        m_settingsMessage->setStyleSheet(u"color: #5f6368;"_s);
        m_settingsMessage->setText(row < 0 ? QString() : changed ? tr("Valid: apply to use them") : tr("Valid"));
    }
}

void MiddlewarePanel::applySettings()
{
    const int row = currentRow();
    QString error;
    const std::optional<QJsonObject> settings = row >= 0 ? settingsFromText(&error) : std::nullopt;
    if (!settings)
        return;
    QList<mock::MiddlewareSetting> chain = m_document->set().server.middleware;
    chain[row].settings = *settings;
    m_document->setMiddleware(chain);
}

void MiddlewarePanel::applyListOrder()
{
    // The list is the truth here: its order and check boxes, the settings from the document by name.
    const QList<mock::MiddlewareSetting> &current = m_document->set().server.middleware;
    QList<mock::MiddlewareSetting> chain;
    for (int row = 0; row < m_list->count(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        const QString name = item->data(NameRole).toString();
        for (const mock::MiddlewareSetting &setting : current) {
            if (setting.name == name) {
                chain.append(setting);
                chain.last().enabled = item->checkState() == Qt::Checked;
                break;
            }
        }
    }
    if (chain.size() != current.size() || !m_document->setMiddleware(chain))
        refresh();
}

void MiddlewarePanel::moveCurrent(int delta)
{
    const int row = currentRow();
    QList<mock::MiddlewareSetting> chain = m_document->set().server.middleware;
    if (row < 0 || row + delta < 0 || row + delta >= chain.size())
        return;
    chain.move(row, row + delta);
    m_document->setMiddleware(chain);
}

void MiddlewarePanel::updateButtons()
{
    const int row = currentRow();
    const int count = int(m_document->set().server.middleware.size());
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < count);
    m_add->setEnabled(m_addCombo->count() > 0);
    m_addCombo->setEnabled(m_addCombo->count() > 0);
}

MiddlewarePanel::~MiddlewarePanel()
{
    disconnectChildren(this);
}

} // namespace ui
