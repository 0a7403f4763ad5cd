// 合并重复 merging a duplicate record into this one: pick the other enterprise by search, read what will
// move, confirm, and see the result (the kept record with the duplicate's names as former names).
import { MergeCellsOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Modal, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnterpriseListItem, EnterpriseView } from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { applyFormErrors } from '../../components/errors.ts';
import { enterprisesQueryKey, mergeEnterprise } from './api.ts';
import { EnterprisePicker } from './EnterprisePicker.tsx';

export function MergeModal({
  enterprise,
  onClose,
  onReload,
}: {
  enterprise: EnterpriseView;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ duplicateId: string }>();
  const [duplicate, setDuplicate] = useState<EnterpriseListItem | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [merged, setMerged] = useState<{ kept: EnterpriseView; away: EnterpriseListItem } | null>(null);

  const merge = async (other: EnterpriseListItem) => {
    setSubmitting(true);
    setError(null);
    try {
      const kept = await mergeEnterprise(enterprise.id, other.id, enterprise.version);
      await queryClient.invalidateQueries({ queryKey: enterprisesQueryKey });
      setMerged({ kept, away: other });
    } catch (failure) {
      setStale(isApiError(failure, 'VERSION_CONFLICT'));
      setError(applyFormErrors(form, failure));
    } finally {
      setSubmitting(false);
    }
  };

  const confirm = () => {
    if (!duplicate) return;
    modal.confirm({
      title: t('enterprises.merge.confirmTitle'),
      content: t('enterprises.merge.confirmText', { duplicate: duplicate.name, kept: enterprise.name }),
      okText: t('enterprises.merge.submit'),
      okButtonProps: { danger: true, 'data-testid': 'merge-confirm-ok' },
      cancelText: t('common.cancel'),
      onOk: () => merge(duplicate),
    });
  };

  if (merged) {
    return (
      <Modal
        open
        title={t('enterprises.merge.title')}
        onCancel={onClose}
        width={600}
        destroyOnHidden
        footer={
          <Button type="primary" onClick={onClose} data-testid="merge-done">
            {t('common.confirm')}
          </Button>
        }
      >
        <Result
          status="success"
          title={t('enterprises.merge.done')}
          subTitle={t('enterprises.merge.doneText', { duplicate: merged.away.name, kept: merged.kept.name })}
          className="merge-result"
        >
          <Descriptions
            size="small"
            column={1}
            bordered
            data-testid="merge-result"
            items={[
              { key: 'name', label: t('enterprises.fields.name'), children: merged.kept.name },
              {
                key: 'formerNames',
                label: t('enterprises.fields.formerNames'),
                children: merged.kept.formerNames.join('、') || '—',
              },
              {
                key: 'tags',
                label: t('enterprises.fields.tags'),
                children: merged.kept.tags.join('、') || '—',
              },
              {
                key: 'contacts',
                label: t('enterprises.tabs.contacts'),
                children: merged.kept.contacts.length,
              },
              {
                key: 'chambers',
                label: t('enterprises.tabs.chambers'),
                children: merged.kept.chambers.length,
              },
            ]}
          />
        </Result>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={t('enterprises.merge.title')}
      width={600}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="merge"
          type="primary"
          danger
          icon={<MergeCellsOutlined />}
          disabled={!duplicate}
          loading={submitting}
          onClick={() => void form.validateFields().then(confirm)}
          data-testid="merge-submit"
        >
          {t('enterprises.merge.submit')}
        </Button>,
      ]}
    >
      <Alert
        className="form-alert"
        type="info"
        showIcon
        title={t('enterprises.merge.keep', { name: enterprise.name })}
        description={t('enterprises.merge.explain')}
      />
      <Form form={form} layout="vertical" onValuesChange={() => setError(null)}>
        <Form.Item
          name="duplicateId"
          label={t('enterprises.merge.duplicate')}
          rules={[
            {
              required: true,
              message: t('common.selectRequired', { field: t('enterprises.merge.duplicate') }),
            },
          ]}
        >
          <EnterprisePicker exclude={enterprise.id} onChange={(_id, item) => setDuplicate(item)} />
        </Form.Item>
      </Form>
      {duplicate ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="form-alert"
          items={[
            { key: 'name', label: t('enterprises.fields.name'), children: duplicate.name },
            { key: 'uscc', label: t('enterprises.fields.uscc'), children: duplicate.uscc },
            { key: 'orgUnit', label: t('enterprises.fields.orgUnit'), children: duplicate.orgUnitName },
          ]}
        />
      ) : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          action={
            stale ? (
              <Button
                size="small"
                onClick={() => {
                  onReload();
                  onClose();
                }}
              >
                {t('enterprises.form.reload')}
              </Button>
            ) : null
          }
        />
      ) : null}
    </Modal>
  );
}
