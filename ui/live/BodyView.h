#pragma once

#include "ui/live/BodyFormat.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPlainTextEdit;

namespace ui
{

// BodyView shows a message body as pretty JSON, text or a hex dump. In Auto mode (the default) the kind is chosen
// by the body's Content-Type and by sniffing its bytes (BodyFormat::detect); a combo box ("bodyModeCombo") lets the
// user force JSON, Text or Hex. A line above the text ("bodyInfo") gives the size, the media type, the kind shown
// and any note (e.g. that the body was cut). The text is in a read-only QPlainTextEdit named "bodyText".
//
// Thread affinity: GUI thread.
class BodyView final : public QWidget
{
    Q_OBJECT

public:
    // Mode is the user's choice of presentation.
    enum class Mode
    {
        Auto,
        Json,
        Text,
        Hex
    };

    explicit BodyView(QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(BodyView)

    // setBody shows body (declared as contentType, may be empty); note, when not empty, is added to the info line.
    // The mode is kept.
    void setBody(const QByteArray &body, const QString &contentType, const QString &note = {});
    // setMessage shows message in place of a body (e.g. "no body", "not captured"); the mode switch is disabled.
    void setMessage(const QString &message);
    // mode is the current presentation choice; setMode changes it and re-renders.
    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    // shownKind is the kind the current body is shown as (what Auto resolved to, or the forced kind).
    BodyFormat::Kind shownKind() const { return m_kind; }
    // text is what the view shows.
    QString text() const;

private:
    void render();

    QByteArray m_body;
    QString m_contentType;
    QString m_note;
    bool m_hasBody = false;
    Mode m_mode = Mode::Auto;
    BodyFormat::Kind m_kind = BodyFormat::Kind::Text;
    QLabel *m_info;
    QComboBox *m_modeBox;
    QPlainTextEdit *m_text;
};

} // namespace ui
