#pragma once

#include "httpcore/mock/RouteSet.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace ui
{

// FaultEditor edits the optional fault of a response: a check box group ("faultGroup") that turns the fault on,
// its kind ("faultKindCombo", by the route-set file's names, with what the client sees), probability, seed
// (empty: none) and the parameters of the chosen kind; the parameters other kinds take are hidden and left at
// their defaults (the file format refuses a parameter given for a kind it does not apply to).
//
// Lives on the GUI thread.
class FaultEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FaultEditor)

public:
    explicit FaultEditor(QWidget *parent = nullptr);
    ~FaultEditor() override;

    // setFault shows fault (nothing: the group unchecked) without emitting edited.
    void setFault(const std::optional<mock::Fault> &fault);
    std::optional<mock::Fault> fault() const;

Q_SIGNALS:
    // edited is emitted when the user changes anything.
    void edited();

private:
    void updateRows();
    void notifyEdited();

    QGroupBox *m_group;
    QFormLayout *m_form;
    QComboBox *m_kind;
    QLabel *m_description;
    QDoubleSpinBox *m_probability;
    QLineEdit *m_seed;
    QSpinBox *m_atByte;
    QSpinBox *m_bytesPerSecond;
    QSpinBox *m_jitter;
    QSpinBox *m_afterRequests;
    bool m_loading = false;
};

} // namespace ui
