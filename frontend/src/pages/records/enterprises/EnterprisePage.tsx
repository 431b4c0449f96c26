import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function EnterprisePage() {
  return <ComingSoon title="menu.enterprises" />;
}
