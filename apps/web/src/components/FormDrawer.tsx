// A drawer around a long form, the drawer twin of FormModal: cancel and save in the footer, save busy
// while the work runs, the drawer closed when it succeeds. A failure keeps it open with the server's
// field errors on the fields and the rest in an alert above the form, scrolled into view.
import { Alert, Button, Drawer, Form, type FormInstance } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from './errors.ts';

/** What the alert above the form says. */
export interface FailureAlert {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
}

/** The alert unless the drawer says more: what no field could show, until the user edits the form. */
function messageAlert(_failure: unknown, message: string | null): FailureAlert | null {
  return message === null ? null : { title: message };
}

interface FormDrawerProps<Values> {
  title: ReactNode;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  /** Does the work; a thrown error keeps the drawer open and is shown. */
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
  /**
   * The alert for a failure, or null for none. `message` is what the fields could not show (null once
   * the user edits the form): a drawer adds what to do about a stale record or where a duplicate is.
   */
  failureAlert?: (failure: unknown, message: string | null) => FailureAlert | null;
  size: number;
  /** Test hooks on the drawer and on its save button (browser journeys press it). */
  testId: string;
  saveTestId: string;
  className?: string;
  afterOpenChange?: (open: boolean) => void;
  children: ReactNode;
}

export function FormDrawer<Values extends object>({
  title,
  form,
  initialValues,
  onSubmit,
  onClose,
  failureAlert = messageAlert,
  size,
  testId,
  saveTestId,
  className,
  afterOpenChange,
  children,
}: FormDrawerProps<Values>) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<{ error: unknown; message: string | null } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);

  const finish = async (values: Values) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (error) {
      setFailure({ error, message: applyFormErrors(form, error) });
      setSubmitting(false);
      // Show what went wrong: the first field the server objected to, else the alert at the top.
      requestAnimationFrame(() => {
        const first = form.getFieldsError().find((field) => field.errors.length > 0);
        if (first) form.scrollToField(first.name, { block: 'center' });
        else alertRef.current?.scrollIntoView({ block: 'nearest' });
      });
    }
  };

  const alert = failure ? failureAlert(failure.error, failure.message) : null;

  return (
    <Drawer
      open
      size={size}
      title={title}
      onClose={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={afterOpenChange}
      data-testid={testId}
      footer={
        <div className="drawer-footer">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid={saveTestId}>
            {t('common.save')}
          </Button>
        </div>
      }
    >
      <Form<Values>
        form={form}
        // Its fields' ids are prefixed with it, unlike those of the list's filters under the drawer.
        name={testId}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void finish(values)}
        onValuesChange={() => setFailure((current) => current && { ...current, message: null })}
        scrollToFirstError={{ block: 'center' }}
        className={className}
      >
        <div ref={alertRef} />
        {alert ? (
          <Alert
            className="form-alert"
            type="error"
            showIcon
            role="alert"
            title={alert.title}
            description={alert.description}
            action={alert.action}
          />
        ) : null}
        {children}
      </Form>
    </Drawer>
  );
}
