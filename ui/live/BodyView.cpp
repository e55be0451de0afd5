#include "ui/live/BodyView.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace ui
{

namespace
{

QString kindName(BodyFormat::Kind kind)
{
    switch (kind) {
    case BodyFormat::Kind::Json:
        return BodyView::tr("JSON");
    case BodyFormat::Kind::Text:
        return BodyView::tr("text");
    case BodyFormat::Kind::Hex:
        return BodyView::tr("hex");
    }
    return {};
}

} // namespace

BodyView::BodyView(QWidget *parent)
    : QWidget(parent), m_info(new QLabel(this)), m_modeBox(new QComboBox(this)), m_text(new QPlainTextEdit(this))
{
    m_info->setObjectName(u"bodyInfo"_s);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_modeBox->setObjectName(u"bodyModeCombo"_s);
    m_modeBox->addItem(tr("Auto"), int(Mode::Auto));
    m_modeBox->addItem(tr("JSON"), int(Mode::Json));
    m_modeBox->addItem(tr("Text"), int(Mode::Text));
    m_modeBox->addItem(tr("Hex"), int(Mode::Hex));
    m_modeBox->setToolTip(tr("How the body is shown; Auto decides by Content-Type and content"));
    m_text->setObjectName(u"bodyText"_s);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *top = new QHBoxLayout;
    top->addWidget(m_info, 1);
    top->addWidget(m_modeBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_text, 1);

    connect(m_modeBox, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_modeBox->currentData().toInt())); });
    setMessage(QString());
}

void BodyView::setBody(const QByteArray &body, const QString &contentType, const QString &note)
{
    m_body = body;
    m_contentType = contentType;
    m_note = note;
    m_hasBody = true;
    m_modeBox->setEnabled(true);
    render();
}

void BodyView::setMessage(const QString &message)
{
    m_body.clear();
    m_contentType.clear();
    m_note.clear();
    m_hasBody = false;
    m_modeBox->setEnabled(false);
    m_info->setText(message);
    m_text->clear();
}

void BodyView::setMode(Mode mode)
{
    m_mode = mode;
    const int index = m_modeBox->findData(int(mode));
    if (index != m_modeBox->currentIndex())
        m_modeBox->setCurrentIndex(index); // re-enters through currentIndexChanged with the same mode
    if (m_hasBody)
        render();
}

QString BodyView::text() const
{
    return m_text->toPlainText();
}

void BodyView::render()
{
    switch (m_mode) {
    case Mode::Auto:
        m_kind = BodyFormat::detect(m_body, m_contentType);
        break;
    case Mode::Json:
        m_kind = BodyFormat::Kind::Json;
        break;
    case Mode::Text:
        m_kind = BodyFormat::Kind::Text;
        break;
    case Mode::Hex:
        m_kind = BodyFormat::Kind::Hex;
        break;
    }
    m_text->setPlainText(BodyFormat::render(m_body, m_kind));
    QStringList info{QLocale().formattedDataSize(m_body.size(), 1, QLocale::DataSizeTraditionalFormat)};
    if (!m_contentType.isEmpty())
        info.append(m_contentType);
    info.append(tr("shown as %1").arg(kindName(m_kind)));
    if (!m_note.isEmpty())
        info.append(m_note);
    m_info->setText(info.join(u" \u00b7 "_s));
}

} // namespace ui
