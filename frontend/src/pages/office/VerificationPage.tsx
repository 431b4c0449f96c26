import { ComingSoon } from '../../components/ComingSoon';

// Placeholder until the page is built.
export default function VerificationPage() {
  return <ComingSoon title="menu.verification" />;
}
