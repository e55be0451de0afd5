#include "ui/window/MainWindow.h"

#include "ui/live/ConnectionsPanel.h"
#include "ui/live/RequestInspector.h"
#include "ui/live/RequestsPanel.h"
#include "ui/live/ServerController.h"
#include "ui/live/StatsPanel.h"
#include "ui/routes/MiddlewarePanel.h"
#include "ui/routes/RouteSetDocument.h"
#include "ui/routes/RoutesPanel.h"
#include "ui/routes/WhyRoutePanel.h"
#include "ui/window/Autosave.h"
#include "ui/window/FileActions.h"
#include "ui/window/RecentFiles.h"
#include "ui/window/ServerLimitsEditor.h"
#include "ui/window/ServerToolBar.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

bool isLoopback(const QString &host)
{
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 0);
    auto *label = new QLabel(u"<b>%1</b>"_s.arg(title.toHtmlEscaped()), box);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_dialogs(Dialogs::standard()), m_document(new RouteSetDocument(this)),
      m_controller(new ServerController(this)), m_toolBar(new ServerToolBar(this)),
      m_files(new FileActions(m_document, m_dialogs, this)), m_recent(new RecentFiles(this)),
      m_autosave(new Autosave(m_document, Autosave::defaultDirectory(), this)),
      m_routes(new RoutesPanel(m_document, this)), m_middleware(new MiddlewarePanel(m_document, this)),
      m_whyRoute(new WhyRoutePanel(m_document, this)), m_liveTabs(new QTabWidget(this)),
      m_requests(new RequestsPanel(this)), m_connectionsPanel(new ConnectionsPanel(this)),
      m_stats(new StatsPanel(this)), m_problems(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    addToolBar(Qt::TopToolBarArea, m_toolBar);

    // The panel's table keeps the object name "connectionsView"; it follows the controller's batches and stops.
    m_connectionsPanel->setObjectName(u"connectionsPanel"_s);
    m_connectionsPanel->setController(m_controller);
    m_requests->setObjectName(u"requestsPanel"_s);
    m_liveTabs->setObjectName(u"liveTabs"_s);
    m_liveTabs->addTab(m_requests, tr("Requests"));
    m_liveTabs->addTab(m_connectionsPanel, tr("Connections"));
    m_stats->setObjectName(u"statsPanel"_s);
    m_liveTabs->addTab(m_stats, tr("Stats"));

    auto *left = new QSplitter(Qt::Vertical, this);
    left->setObjectName(u"documentSplitter"_s);
    left->addWidget(titled(tr("Routes"), m_routes, left));
    left->addWidget(titled(tr("Middleware"), m_middleware, left));
    m_whyRoute->setObjectName(u"whyRoutePanel"_s);
    left->addWidget(titled(tr("Why this route?"), m_whyRoute, left));
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 1);
    left->setStretchFactor(2, 1);
    m_requests->inspector()->setRouteSetDocument(m_document);
    auto *main = new QSplitter(Qt::Horizontal, this);
    main->setObjectName(u"mainSplitter"_s);
    main->addWidget(left);
    main->addWidget(m_liveTabs);
    main->setStretchFactor(0, 1);
    main->setStretchFactor(1, 1);
    main->setSizes({560, 720});
    setCentralWidget(main);

    m_problems->setObjectName(u"problemsLabel"_s);
    m_problems->setStyleSheet(u"color: #b71c1c"_s);
    statusBar()->addPermanentWidget(m_problems);
    buildMenus();

    connect(m_document, &RouteSetDocument::changed, this, &MainWindow::applyDocument);
    connect(m_document, &RouteSetDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_document, &RouteSetDocument::filePathChanged, this, &MainWindow::updateTitle);
    connect(m_files, &FileActions::documentReplaced, this, &MainWindow::takeAddressFromDocument);
    connect(m_files, &FileActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 5000); });
    connect(m_document, &RouteSetDocument::filePathChanged, m_recent, [this](const QString &path) {
        if (!path.isEmpty())
            m_recent->add(path);
    });
    connect(m_recent, &RecentFiles::openRequested, this, &MainWindow::openRecent);
    connect(m_requests, &RequestsPanel::harExported, this, [this](const QString &path, int entries) {
        statusBar()->showMessage(
            tr("Exported %n request(s) to %1", nullptr, entries).arg(QDir::toNativeSeparators(path)), 5000);
    });
    connect(m_autosave, &Autosave::failed, this, [this](const QString &text) { statusBar()->showMessage(text); });

    connect(m_toolBar, &ServerToolBar::startRequested, this, &MainWindow::startServer);
    connect(m_toolBar, &ServerToolBar::stopRequested, this, [this](bool immediate) {
        m_controller->stop(immediate ? ServerController::StopMode::Immediate : ServerController::StopMode::Graceful);
        if (m_controller->isStopping())
            m_toolBar->setRunning(true, {}, true);
    });
    connect(m_toolBar, &ServerToolBar::urlCopied, this,
            [this](const QString &url) { statusBar()->showMessage(tr("Copied %1").arg(url), 3000); });
    connect(m_controller, &ServerController::started, this, [this](quint16 port) {
        // Show the port bound (a free one when 0 was asked for); a restart reuses it.
        m_toolBar->setAddress(m_controller->host(), port);
        m_toolBar->setRunning(true, m_controller->url());
        m_requests->setBaseUrl(m_controller->url());
        statusBar()->showMessage(tr("Listening on %1").arg(m_controller->url()), 5000);
    });
    connect(m_controller, &ServerController::stopped, this, [this] {
        m_toolBar->setRunning(false, {});
        statusBar()->showMessage(tr("Stopped"), 5000);
    });
    connect(m_controller, &ServerController::startFailed, this,
            [this](const QString &message) { m_lastFailure = message; });
    connect(m_controller, &ServerController::batchReady, this, &MainWindow::showBatch);
    connect(m_controller, &ServerController::countersChanged, m_toolBar, &ServerToolBar::setCounters);
    connect(m_controller, &ServerController::hitsChanged, m_routes, &RoutesPanel::setHits);
    connect(m_controller, &ServerController::applyFinished, this, &MainWindow::showProblems);

    applyDocument();
    takeAddressFromDocument();
    updateTitle();
    resize(1280, 800);
    restoreLayout();
}

MainWindow::~MainWindow() = default;

void MainWindow::setDialogs(const Dialogs &dialogs)
{
    m_dialogs = dialogs;
    m_requests->setDialogs(dialogs);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(u"fileMenu"_s);
    m_files->fillMenu(file, m_recent->menu());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(u"editMenu"_s);
    QAction *undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(u"undoAction"_s);
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(u"redoAction"_s);
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *server = menuBar()->addMenu(tr("&Server"));
    server->setObjectName(u"serverMenu"_s);
    QAction *limits = server->addAction(tr("&Limits…"), this, &MainWindow::showLimitsEditor);
    limits->setObjectName(u"serverLimitsAction"_s);
}

void MainWindow::showLimitsEditor()
{
    // Modeless and kept: its edits go through the document's undo stack, and applyDocument() hands every change
    // to the controller, which gives new connections the limits at once.
    if (!m_limitsEditor)
        m_limitsEditor = new ServerLimitsEditor(m_document, this);
    m_limitsEditor->reload();
    m_limitsEditor->show();
    m_limitsEditor->raise();
    m_limitsEditor->activateWindow();
}

bool MainWindow::openFile(const QString &path)
{
    return m_files->open(path, false);
}

bool MainWindow::openAtStart(const QString &requested, const QString &fallback)
{
    if (!requested.isEmpty())
        return openFile(requested);
    if (offerRecovery())
        return true;
    const QString last = QSettings().value(u"session/lastFile"_s).toString();
    if (!last.isEmpty() && QFileInfo::exists(last) && openFile(last))
        return true;
    return !fallback.isEmpty() && openFile(fallback);
}

bool MainWindow::offerRecovery()
{
    const QList<Autosave::Orphan> orphans = m_autosave->orphans();
    if (orphans.isEmpty())
        return false;
    const Autosave::Orphan &newest = orphans.constFirst();
    const QString name =
        newest.filePath.isEmpty() ? tr("an unsaved route set") : QDir::toNativeSeparators(newest.filePath);
    const auto answer = m_dialogs.question(
        this, tr("Recover unsaved changes?"),
        tr("Switchboard ended without saving the changes to %1. They were autosaved at %2.\n\nRecover them?")
            .arg(name, QLocale().toString(newest.savedAt.toLocalTime(), QLocale::ShortFormat)),
        QMessageBox::Yes | QMessageBox::No);
    if (answer != QMessageBox::Yes) {
        Autosave::remove(newest);
        return false;
    }
    if (const std::optional<QString> failed = m_autosave->recover(newest)) {
        m_dialogs.inform(this, tr("Cannot recover the changes"), *failed);
        return false;
    }
    takeAddressFromDocument();
    statusBar()->showMessage(tr("Recovered the changes autosaved at %1; save them to keep them.")
                                 .arg(QLocale().toString(newest.savedAt.toLocalTime(), QLocale::ShortFormat)));
    return true;
}

void MainWindow::openRecent(const QString &path)
{
    if (!QFileInfo::exists(path)) {
        m_recent->remove(path);
        m_dialogs.inform(
            this, tr("Cannot open the route set"),
            tr("%1 no longer exists; it was removed from the recent files.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    m_files->open(path);
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    settings.beginGroup(u"window"_s);
    if (settings.contains(u"geometry"_s))
        restoreGeometry(settings.value(u"geometry"_s).toByteArray());
    restoreState(settings.value(u"state"_s).toByteArray());
    for (QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty() && settings.contains(splitter->objectName()))
            splitter->restoreState(settings.value(splitter->objectName()).toByteArray());
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.beginGroup(u"window"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    for (const QSplitter *splitter : findChildren<QSplitter *>()) {
        if (!splitter->objectName().isEmpty())
            settings.setValue(splitter->objectName(), splitter->saveState());
    }
}

void MainWindow::applyDocument()
{
    m_controller->applyRouteSet(m_document->set(), m_document->baseDirectory());
}

void MainWindow::takeAddressFromDocument()
{
    if (!m_controller->isRunning())
        m_toolBar->setAddress(m_document->set().server.host, m_document->set().server.port);
}

void MainWindow::setServerAddress(const QString &host, quint16 port)
{
    m_toolBar->setAddress(host, port);
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("Untitled") : QFileInfo(path).fileName();
    setWindowTitle(u"%1[*] — Switchboard"_s.arg(name));
    setWindowModified(m_document->isModified());
}

void MainWindow::showBatch(const LiveBatch &batch)
{
    m_requests->appendBatch(batch);
    m_stats->appendBatch(batch);
    if (!batch.errors.isEmpty())
        statusBar()->showMessage(batch.errors.constLast(), 10'000);
}

void MainWindow::showProblems(const QStringList &problems)
{
    if (problems.isEmpty()) {
        m_problems->clear();
        m_problems->setToolTip({});
        return;
    }
    m_problems->setText(
        tr("%n problem(s) in the route set: %1", nullptr, int(problems.size())).arg(problems.constFirst().left(90)));
    m_problems->setToolTip(problems.join(u'\n'));
}

bool MainWindow::startServer()
{
    const QString host = m_toolBar->host().isEmpty() ? u"127.0.0.1"_s : m_toolBar->host();
    if (!isLoopback(host)) {
        const auto answer = m_dialogs.question(
            this, tr("Listen on the network?"),
            tr("Listening on %1 makes the mock reachable from other machines on the network. Continue?").arg(host),
            QMessageBox::Yes | QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return false;
    }
    m_lastFailure.clear();
    if (m_controller->start(host, m_toolBar->port()))
        return true;
    handleStartFailed(m_lastFailure);
    return m_controller->isRunning();
}

void MainWindow::handleStartFailed(const QString &message)
{
    if (!message.contains(u"in use"_s, Qt::CaseInsensitive)) {
        m_dialogs.inform(this, tr("Cannot start the server"), message);
        return;
    }
    const auto answer =
        m_dialogs.question(this, tr("Port in use"), tr("%1\n\nStart on a free port instead?").arg(message),
                           QMessageBox::Yes | QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    if (!m_controller->start(m_toolBar->host().isEmpty() ? u"127.0.0.1"_s : m_toolBar->host(), 0))
        m_dialogs.inform(this, tr("Cannot start the server"), m_lastFailure);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_files->maybeSave()) {
        event->ignore();
        return;
    }
    m_controller->stop(ServerController::StopMode::Immediate);
    // Saved or discarded: the autosaved copy is not needed any more, and the next start reopens this file.
    m_autosave->discard();
    saveLayout();
    if (!m_document->filePath().isEmpty())
        QSettings().setValue(u"session/lastFile"_s, m_document->filePath());
    event->accept();
}

} // namespace ui
