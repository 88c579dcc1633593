#pragma once

#include <QGroupBox>
#include <QString>

class QLineEdit;
class QPlainTextEdit;

namespace dci {

struct Scenario;

// The plan's name and description, at the top of the Properties dock's page for the whole
// plan (shown when nothing is selected, so a plan that opens shows them at once): a sample's
// description says what to try. Like the dock's fields it emits intents and never changes
// the scenario: nameRequested() when the name field is left or Return is pressed,
// descriptionRequested() when the description is left or Ctrl+Return is pressed; Escape
// puts the stored text back. Object names: "planName", "planDescription".
class PlanNote : public QGroupBox
{
    Q_OBJECT

public:
    explicit PlanNote(QWidget *parent = nullptr);

    // Shows the stored name and description; a field the user is typing in keeps its text
    // unless the stored value changed. Emits nothing.
    void show(const Scenario &scenario);

signals:
    void nameRequested(const QString &name);
    void descriptionRequested(const QString &description);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commitName();
    void commitDescription();

    QString m_name;        // as stored
    QString m_description; // as stored
    QLineEdit *m_nameEdit = nullptr;
    QPlainTextEdit *m_descriptionEdit = nullptr;
};

} // namespace dci
