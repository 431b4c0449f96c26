import { ComingSoon } from '../../../components/ComingSoon';

// Placeholder until the page is built.
export default function FundsPage() {
  return <ComingSoon title="menu.funds" />;
}
