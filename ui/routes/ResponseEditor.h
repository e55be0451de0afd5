#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace ui
{

class FaultEditor;
class RulesEditor;

// ResponseEditor edits one response of a route, in tabs: the answer (label, status "statusSpin", content type
// "contentTypeCombo", default flag, templating, delay "delayMinSpin"/"delayMaxSpin", body file "bodyFileEdit" or
// inline body "bodyEdit"), its headers ("headersTable"), its rules (RulesEditor) and its fault (FaultEditor).
// When the content type is JSON the body is checked as the user types, the verdict shown in "bodyMessage",
// and "prettyPrintButton" indents it (JsonBodyText).
//
// Lives on the GUI thread.
class ResponseEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ResponseEditor)

public:
    explicit ResponseEditor(QWidget *parent = nullptr);
    ~ResponseEditor() override;

    // setResponse shows response without emitting edited.
    void setResponse(const mock::MockResponse &response);
    mock::MockResponse response() const;
    // setRulesHint sets the hint above the rules (the route's mode and path values).
    void setRulesHint(const QString &hint);

Q_SIGNALS:
    // edited is emitted when the user changes anything.
    void edited();

private:
    QWidget *makeAnswerTab();
    QWidget *makeHeadersTab();
    void checkBody();
    void prettyPrint();
    void notifyEdited();

    QLineEdit *m_label;
    QSpinBox *m_status;
    QComboBox *m_contentType;
    QCheckBox *m_default;
    QCheckBox *m_templated;
    QSpinBox *m_delayMin;
    QSpinBox *m_delayMax;
    QLineEdit *m_bodyFile;
    QPlainTextEdit *m_body;
    QPushButton *m_prettyPrint;
    QLabel *m_bodyMessage;
    QTableWidget *m_headers;
    RulesEditor *m_rules;
    FaultEditor *m_fault;
    bool m_loading = false;
};

} // namespace ui
