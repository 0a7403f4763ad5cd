// Waiting indicators: a whole-screen one while the session loads, a block one while a page's code loads.
import { Spin } from 'antd';

export function FullPageSpin() {
  return (
    <div className="full-page-spin">
      <Spin size="large" />
    </div>
  );
}

export function BlockSpin() {
  return (
    <div className="block-spin">
      <Spin />
    </div>
  );
}
