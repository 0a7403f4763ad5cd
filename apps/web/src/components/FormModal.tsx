// A dialog around a form: submits on OK, keeps the dialog open on failure with the server's field
// errors on the fields and anything else (a conflict, a refused role) in an alert.
import { Alert, Form, Modal, type FormInstance } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFormErrors } from './errors.ts';

interface FormModalProps<Values> {
  title: ReactNode;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  /** Does the work; a thrown error keeps the dialog open and is shown. */
  onSubmit: (values: Values) => Promise<void>;
  onClose: () => void;
  okText?: ReactNode;
  /** A test hook on the OK button (browser journeys press it). */
  okTestId?: string;
  width?: number;
  children: ReactNode;
}

export function FormModal<Values extends object>({
  title,
  form,
  initialValues,
  onSubmit,
  onClose,
  okText,
  okTestId,
  width = 560,
  children,
}: FormModalProps<Values>) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // The fields' ids are prefixed with a name of the dialog's own, unlike those of the page under it.
  const name = `dialog-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;

  const finish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      await onSubmit(values);
      onClose();
    } catch (failure) {
      setError(applyFormErrors(form, failure));
      setSubmitting(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submitting}
      okButtonProps={okTestId ? { 'data-testid': okTestId } : undefined}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => void finish(values)}
        onValuesChange={() => setError(null)}
        className="modal-form"
      >
        {children}
      </Form>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
    </Modal>
  );
}
