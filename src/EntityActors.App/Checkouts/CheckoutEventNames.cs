namespace EntityActors.App.Checkouts;

public static class CheckoutEventNames
{
    public const string Approval = "approval";
}
