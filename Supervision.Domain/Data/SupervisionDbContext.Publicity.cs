using Microsoft.EntityFrameworkCore;
using Supervision.Domain.Publicity;

namespace Supervision.Domain.Data;

public partial class SupervisionDbContext
{
    public DbSet<Announcement> Announcements => Set<Announcement>();
    public DbSet<PublicationCategory> PublicationCategories => Set<PublicationCategory>();
}
