# Client records (names, dates of birth), who treats whom and the sessions held (with their
# notes) are not in the Django admin: its users are the installation's operators, who belong
# to no practice and have no clinical relation to any client. A practice manages its clients
# in the app, where every view goes through the access policy and onto the audit trail.
